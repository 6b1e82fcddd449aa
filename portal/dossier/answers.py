"""What the dossier reads from the wizard's answers, in one place, so key changes stay here."""

from datetime import date

from portal.models import Application


def contact_email(application: Application) -> str | None:
    return application.answer("contact", "email") or (application.created_by.email if application.created_by else None)


def contact_name(application: Application) -> str:
    return application.answer("contact", "name") or application.enterprise.name


def employee_national_number(application: Application) -> str | None:
    return (application.employee_national_number or application.answer("werknemer", "national_number")
            or application.answer("zelfstandige", "national_number"))


def employee_email(application: Application) -> str | None:
    """The employee's e-mail (Mijn Burgerprofiel), when the application knows it."""
    return application.answer("werknemer", "email")


def premium(application: Application) -> str | None:
    return application.answer("premie", "premie")


def via_onderwijs(application: Application) -> bool:
    return application.answer("premie", "onderwijs") == "ja" or application.answer("werknemer", "onderwijs") == "ja"


def for_self(application: Application) -> bool:
    """A self-employed person applying for themselves (not for an employee)."""
    return application.applicant_type == "zelfstandige" and "werknemer" not in (application.answers or {})


def applied_on(application: Application) -> date:
    return application.submitted_at.date()


STEP_TITLES = {
    "contact": "Contactgegevens", "werknemer": "Werknemer", "zelfstandige": "Zelfstandige", "premie": "Premie",
    "ondersteuning": "Financiële ondersteuning voor zelfstandigen", "begeleiding": "Begeleider en collega-coach",
    "rekening": "Rekeningnummer", "documenten": "Documenten",
}


def readable(application: Application) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every answer, per step, for the dossier page: [(step title, [(field, value)])]."""
    sections = []
    for step, values in (application.answers or {}).items():
        if not isinstance(values, dict):
            continue
        rows = [(name.replace("_", " ").capitalize(), _text(value)) for name, value in values.items()]
        sections.append((STEP_TITLES.get(step, step.capitalize()), rows))
    return sections


def _text(value) -> str:
    if value is True:
        return "ja"
    if value in (False, None, ""):
        return "nee" if value is False else "–"
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    return str(value)
