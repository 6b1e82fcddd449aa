"""Drafts: create (a VOP increase or extension from its base), scope, save a step, check before
submission. Every lookup is scoped to the enterprise."""

from datetime import date
from decimal import Decimal

from flask import abort
from sqlalchemy.orm import selectinload
from wtforms import DateField
from wtforms.fields.core import UnboundField

from portal.clock import now, today
from portal.domain import evaluations, vop, wizard
from portal.domain.individueel_maatwerk import ExistingApplication, blocking_application
from portal.domain.vop_kinds import Grant, grant_allows
from portal.extensions import db
from portal.mail import addresses
from portal.models import Application, Document, ServiceProvider
from portal.services.applications import evaluation_requests, grants
from portal.services.applications.flows import flow_for

APPLICANT_TYPES = {"werkgever": "werkgever", "scholengroep": "school", "zelfstandige": "zelfstandige"}


def applications_of(enterprise, measures) -> list[Application]:
    """The enterprise's applications, drafts and submitted, of these measures only (those the user
    holds the right for: a user without a measure's right sees none of its applications), the
    last changed first, each with its dossier."""
    return list(db.session.scalars(
        db.select(Application).filter(Application.enterprise_id == enterprise.id,
                                      Application.measure.in_(sorted(measures)))
        .options(selectinload(Application.dossier)).order_by(Application.updated_at.desc())
    ))


def get_application(enterprise, application_id: int) -> Application:
    """The enterprise's own application, or 404: never another enterprise's."""
    application = db.session.scalar(
        db.select(Application).filter_by(id=application_id, enterprise_id=enterprise.id)
    )
    if application is None:
        abort(404)
    return application


def start_draft(enterprise, establishment, user, measure: str, kind: str = "nieuw") -> Application:
    application = Application(
        enterprise_id=enterprise.id,
        establishment_id=establishment.id if establishment else None,
        created_by_id=user.id,
        measure=measure,
        kind=kind,
        applicant_type=APPLICANT_TYPES[enterprise.kind],
        answers={},
    )
    db.session.add(application)
    db.session.commit()
    return application


def start_vop_draft(enterprise, establishment, user, kind: str, grant: Grant | None, paper_received_on: str | None) -> Application:
    """A draft of this kind; an increase or extension starts from its base application's answers.
    A paper application entered by staff keeps the day the form was received."""
    application = start_draft(enterprise, establishment, user, "vop", kind)
    application.paper = paper_received_on is not None
    if grant is not None:
        base = get_application(enterprise, grant.application_id)
        answers = {key: dict(value) for key, value in (base.answers or {}).items()
                   if key in ("voor_wie", "contact", "werknemer", "zelfstandige")}
        answers["soort"] = {"basis_id": base.id, "basis_number": base.number,
                            "national_number": base.employee_national_number,
                            "grant_end": grant.end.isoformat() if grant.end else None}
        application.answers = answers
        application.employee_national_number = base.employee_national_number
        application.employee_name = base.employee_name
    if paper_received_on is not None:
        application.answers = {**(application.answers or {}), "papier": {"ontvangen_op": paper_received_on}}
    db.session.commit()
    return application


def context_for(application: Application) -> wizard.Context:
    return wizard.Context(
        measure=application.measure,
        applicant_type=application.applicant_type,
        kind=application.kind,
        answers=application.answers or {},
        # A submitted application keeps the steps it had: the account step applied if it was answered.
        enterprise_has_account=(bool(application.enterprise.iban) if application.is_draft
                                else "rekening" not in (application.answers or {})),
        documents=frozenset(d.kind for d in application.documents),
        today=today(),
    )


def to_json(data: dict) -> dict:
    """Form data as JSON: dates as ISO strings, decimals as strings; no CSRF token."""
    def convert(value):
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        return value

    return {key: convert(value) for key, value in data.items() if key != "csrf_token"}


def from_json(form_class, values: dict) -> dict:
    """Answers as a form's data: ISO strings back to dates for date fields."""
    result = dict(values or {})
    for name, value in result.items():
        unbound = getattr(form_class, name, None)
        if value and isinstance(unbound, UnboundField) and issubclass(unbound.field_class, DateField):
            result[name] = date.fromisoformat(value)
    return result


def step_form(application: Application, step_key: str, ctx, formdata=None):
    """The step's form, filled from the draft (or from a post), knowing its draft's context."""
    form_class = flow_for(application.measure).forms[step_key]
    data = from_json(form_class, (application.answers or {}).get(step_key, {}))
    form = form_class(formdata=formdata, data=data)
    form.wizard = WizardState(application)
    form.setup(ctx)
    return form


def save_step(application: Application, step_key: str, data: dict) -> None:
    answers = dict(application.answers or {})
    answers[step_key] = to_json(data)
    application.answers = answers
    if flow_for(application.measure).prune_inapplicable:
        drop_inapplicable_answers(application)
    if step_key in ("werknemer", "zelfstandige"):
        application.employee_national_number = data.get("national_number")
        application.employee_name = f"{data.get('first_name', '')} {data.get('last_name', '')}".strip()
    application.updated_at = now()
    db.session.commit()


def drop_inapplicable_answers(application: Application) -> None:
    """Forget the answers of steps that no longer apply after a changed choice (e.g. a self-employed
    person who now applies for themselves instead of for an employee), so no stale step is read."""
    definition = flow_for(application.measure).flow
    applicable = {step.key for step in definition.applicable(context_for(application))}
    stale = {step.key for step in definition.steps} - applicable
    if stale & set(application.answers):
        application.answers = {key: value for key, value in application.answers.items() if key not in stale}
        if stale & {"werknemer", "zelfstandige"}:
            application.employee_national_number = application.employee_name = None


class WizardState:
    """What a step form may ask about its draft: other applications, reference lists."""

    def __init__(self, application: Application):
        self.application = application

    def duplicate_of(self, national_number: str) -> Application | None:
        """The employee's application that blocks this one, the oldest first: of a grant and the
        evaluation request about it, the wizard links to the grant (and the same one on every
        database)."""
        others = list(db.session.scalars(
            db.select(Application).filter(
                Application.enterprise_id == self.application.enterprise_id,
                Application.employee_national_number == national_number,
                # A VOP increase does not block on its base; an evaluation does block a new application.
                Application.kind.in_(evaluations.kinds_that_block(self.application.measure, self.application.kind)),
                Application.id != self.application.id,
            ).order_by(Application.id)
        ))
        paid_on = evaluation_requests.paid_on(others)  # a grant paid on after its end still runs (seed 003)
        existing = [
            ExistingApplication(a.id, a.measure, a.state, a.admissibility, a.employee_national_number,
                                a.dossier.end if a.dossier is not None else None, a.id in paid_on)
            for a in others
        ]
        found = blocking_application(national_number, self.application.measure, existing, today(),
                                     self.application.id)
        return db.session.get(Application, found.id) if found else None

    def providers(self) -> list[tuple[str, str]]:
        rows = db.session.scalars(db.select(ServiceProvider).order_by(ServiceProvider.name))
        return [(p.code, f"{p.name} ({p.city})" if p.city else p.name) for p in rows]


def submission_problems(application: Application) -> list[str]:
    """Why this draft cannot be submitted yet: missing steps, documents, a stop, a duplicate."""
    ctx = context_for(application)
    definition = flow_for(application.measure)
    problems = [f"Vul de stap ‘{step.title}’ in." for step in wizard.missing(definition.flow, ctx)]
    reason = wizard.stop_reason(definition.flow, ctx)
    if reason:
        problems.append(reason)
    if application.employee_national_number and WizardState(application).duplicate_of(application.employee_national_number):
        problems.append("Er loopt al een aanvraag voor deze werknemer.")
    if not base_still_allows(application):
        problems.append("Een verhoging of verlenging kan enkel voor een lopende, goedgekeurde VOP. Die van de "
                        "basisaanvraag is dat niet (meer): start een nieuwe aanvraag als dat nodig is.")
    email = unconfirmed_contact_email(application)
    if email:
        problems.append(f"Bevestig het e-mailadres van de contactpersoon ({email}) met de code die we ernaar mailen.")
    return problems


def base_still_allows(application: Application) -> bool:
    """A VOP increase or extension is re-checked on submission against its base application (seed
    001: "Verhoging of verlenging van goedgekeurde dossiers"): a draft begun on a grant that is no
    longer approved and running cannot be submitted."""
    if application.measure != "vop" or application.kind not in (vop.VERHOGING, vop.VERLENGING):
        return True
    base_id = application.answer("soort", "basis_id")
    found = grants.grants_of(application.enterprise, base_id) if base_id is not None else []
    return bool(found) and grant_allows(application.kind, found[0], today())


def unconfirmed_contact_email(application: Application) -> str | None:
    """The contact e-mail typed in the wizard, when this enterprise has not confirmed it yet. A
    paper application is typed by staff from the form: there is nobody to type a code."""
    email = application.answer("contact", "email")
    if not email or application.paper or addresses.is_confirmed(application.enterprise_id, email):
        return None
    return email


def documents_by_kind(application: Application) -> dict[str, list[Document]]:
    grouped: dict[str, list[Document]] = {}
    for document in application.documents:
        grouped.setdefault(document.kind, []).append(document)
    return grouped
