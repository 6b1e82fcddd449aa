"""What the dossier reads from the wizard's answers, in one place, so key changes stay here."""


from portal.domain.campaigns import Contact
from portal.domain.changes import reportable
from portal.extensions import db
from portal.models import Application, ChangeNotice


def reported_contact(application: Application) -> dict:
    """The contact person the applicant reported last as a change (seed 003, step 7), if any."""
    if application.id is None:
        return {}
    notice = db.session.scalar(db.select(ChangeNotice).filter_by(
        application_id=application.id, kind="contactpersoon").order_by(ChangeNotice.id.desc()).limit(1))
    return notice.details if notice is not None else {}


def reported_contacts(application_ids: list[int]) -> dict[int, dict]:
    """`reported_contact` for many dossiers in one query: {application id: details}."""
    found: dict[int, dict] = {}
    for start in range(0, len(application_ids), 500):
        for notice in db.session.scalars(db.select(ChangeNotice).filter(
                ChangeNotice.application_id.in_(application_ids[start:start + 500]),
                ChangeNotice.kind == "contactpersoon").order_by(ChangeNotice.id)):
            found[notice.application_id] = notice.details  # the last one reported wins
    return found


def contacts(applications: list[Application]) -> list[Contact]:
    """The contact person each dossier's own e-mails reach, for many dossiers (two queries in all)."""
    reported = reported_contacts([a.id for a in applications])
    return [Contact(contact_email(a, reported.get(a.id, {})) or "", contact_name(a, reported.get(a.id, {})),
                    a.number, a.enterprise_id, a.dossier.end if a.dossier is not None else None)
            for a in applications]


def contact_email(application: Application, reported: dict | None = None) -> str | None:
    """Where the dossier's e-mails go: the reported contact person, else the one in the application.
    Pass `reported` (from `reported_contact(s)`) when it is already known."""
    reported = reported_contact(application) if reported is None else reported
    return (email_for(reported, application.answers, None)
            or (application.created_by.email if application.created_by else None))  # loaded only when needed


def email_for(reported: dict, answered: dict | None, creator_email: str | None) -> str | None:
    """The rule of `contact_email` on plain values, for lists read as columns (no row loaded)."""
    return reported.get("email") or ((answered or {}).get("contact") or {}).get("email") or creator_email


def contact_name(application: Application, reported: dict | None = None) -> str:
    reported = reported_contact(application) if reported is None else reported
    return reported.get("name") or application.answer("contact", "name") or application.enterprise.name


def employee_national_number(application: Application) -> str | None:
    return (application.employee_national_number or application.answer("werknemer", "national_number")
            or application.answer("zelfstandige", "national_number"))


def employee_email(application: Application) -> str | None:
    """The employee's e-mail (Mijn Burgerprofiel), when the application knows it."""
    return application.answer("werknemer", "email")


def employee_address(application: Application) -> str | None:
    """The employee's address as the applicant gave it, on one line for a letter."""
    street = application.answer("werknemer", "street")
    postcode = application.answer("werknemer", "postcode")
    municipality = application.answer("werknemer", "municipality")
    if not (street and postcode and municipality):
        return None
    return f"{street}, {postcode} {municipality}"


def premium(application: Application) -> str | None:
    return application.answer("premie", "premie")


def via_onderwijs(application: Application) -> bool:
    return application.answer("premie", "onderwijs") == "ja" or application.answer("werknemer", "onderwijs") == "ja"


def for_self(application: Application) -> bool:
    """A self-employed person applying for themselves (not for an employee)."""
    return application.applicant_type == "zelfstandige" and "werknemer" not in (application.answers or {})


def reportable_changes(application: Application) -> list[str]:
    """The changes this dossier's measure and answers allow (seed 003, step 7): for the change page,
    the decision e-mail and the quarterly reminder alike."""
    return reportable(application.measure, premium(application), for_self(application))


def readable(application: Application) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every answer, per step, for the dossier pages: [(step title, [(label, text)])], with the
    labels and wording the applicant saw in the wizard."""
    from portal.services.applications import summary

    return [(section.title, section.rows) for section in summary.sections(application)]
