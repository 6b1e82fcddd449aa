"""Each measure's wizard: its flow of steps (portal/domain), the form of each step, and the
documents it needs. Adding a measure adds an entry here, not a second wizard."""

from dataclasses import dataclass, field
from typing import Callable

from portal.domain import individueel_maatwerk as im
from portal.domain import vop_flow
from portal.domain.wizard import Flow
from portal.vop import forms as vop_forms
from portal.vop import grants as vop_grants
from portal.wizard import forms


@dataclass(frozen=True)
class WizardFlow:
    flow: Flow
    forms: dict[str, type]
    required_documents: Callable
    # Steps with a page of their own instead of the generic form page.
    templates: dict[str, str] = field(default_factory=dict)
    start_template: str = "wizard/start.html"
    receipt_template: str = "wizard/receipt.html"
    # Extra variables for the start page (e.g. VOP's kind choice); called in a request.
    start_context: Callable[[], dict] = dict
    # Forget answers of steps that stopped applying when a choice changes.
    prune_inapplicable: bool = False


FLOWS: dict[str, WizardFlow] = {
    "im": WizardFlow(
        flow=im.FLOW,
        forms={
            "contact": forms.ContactForm,
            "werknemer": forms.EmployeeForm,
            "zelfstandige": forms.SelfEmployedForm,
            "premie": forms.PremiumForm,
            "ondersteuning": forms.SelfEmployedSupportForm,
            "begeleiding": forms.GuidanceForm,
            "rekening": forms.AccountForm,
        },
        required_documents=im.required_documents,
        templates={"documenten": "wizard/documents.html"},
    ),
    "vop": WizardFlow(
        flow=vop_flow.FLOW,
        forms={
            "voor_wie": vop_forms.ForWhomForm,
            "voorwaarden": vop_forms.ConditionsForm,
            "cumulatie": vop_forms.CumulationForm,
            "contact": forms.ContactForm,
            "werknemer": vop_forms.EmployeeForm,
            "zelfstandige": vop_forms.SelfEmployedForm,
            "motivatie": vop_forms.MotivationForm,
            "rekening": vop_forms.AccountForm,
        },
        required_documents=vop_flow.required_documents,
        templates={"documenten": "wizard/documents.html"},
        start_template="vop/start.html",
        receipt_template="vop/receipt.html",
        start_context=vop_grants.start_context,
        prune_inapplicable=True,
    ),
}


def flow_for(measure: str) -> WizardFlow:
    return FLOWS[measure]
