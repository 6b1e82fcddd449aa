"""Each measure's wizard: its flow of steps (portal/domain), the form of each step, and the
documents it needs. Adding a measure adds an entry here, not a second wizard."""

from dataclasses import dataclass, field
from typing import Callable

from portal.domain import individueel_maatwerk, vop_flow
from portal.domain.wizard import Flow
from portal.services.applications import grants, step_forms, vop_step_forms


@dataclass(frozen=True)
class WizardFlow:
    flow: Flow
    forms: dict[str, type]
    required_documents: Callable
    # Steps with a page of their own instead of the generic form page.
    templates: dict[str, str] = field(default_factory=dict)
    start_template: str = "wizard/start.html"
    # What the measure adds to the receipt (a template included in wizard/receipt.html), if anything.
    receipt_extra: str | None = None
    # Extra variables for the start page (e.g. VOP's kind choice), given the acting enterprise.
    start_context: Callable[[object], dict] = lambda enterprise: {}
    # Forget answers of steps that stopped applying when a choice changes.
    prune_inapplicable: bool = False


FLOWS: dict[str, WizardFlow] = {
    "im": WizardFlow(
        flow=individueel_maatwerk.FLOW,
        forms={
            "contact": step_forms.ContactForm,
            "werknemer": step_forms.EmployeeForm,
            "zelfstandige": step_forms.SelfEmployedForm,
            "premie": step_forms.PremiumForm,
            "ondersteuning": step_forms.SelfEmployedSupportForm,
            "begeleiding": step_forms.GuidanceForm,
            "rekening": step_forms.AccountForm,
        },
        required_documents=individueel_maatwerk.required_documents,
        templates={"documenten": "wizard/documents.html"},
    ),
    "vop": WizardFlow(
        flow=vop_flow.FLOW,
        forms={
            "voor_wie": vop_step_forms.ForWhomForm,
            "voorwaarden": vop_step_forms.ConditionsForm,
            "cumulatie": vop_step_forms.CumulationForm,
            "contact": step_forms.ContactForm,
            "werknemer": vop_step_forms.EmployeeForm,
            "zelfstandige": vop_step_forms.SelfEmployedForm,
            "motivatie": vop_step_forms.MotivationForm,
            "rekening": vop_step_forms.AccountForm,
        },
        required_documents=vop_flow.required_documents,
        templates={"documenten": "wizard/documents.html"},
        start_template="wizard/vop_start.html",
        receipt_extra="wizard/_vop_receipt.html",
        start_context=grants.start_context,
        prune_inapplicable=True,
    ),
}


def flow_for(measure: str) -> WizardFlow:
    return FLOWS[measure]
