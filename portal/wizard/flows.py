"""Each measure's wizard: its flow of steps (portal/domain), the form of each step, and the
documents it needs. Adding a measure adds an entry here, not a second wizard."""

from dataclasses import dataclass, field
from typing import Callable

from portal.domain import individueel_maatwerk as im
from portal.domain.wizard import Flow
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
}


def flow_for(measure: str) -> WizardFlow:
    return FLOWS[measure]
