"""Staff's handling of one dossier: every answer, document, source check and its history, and the
actions allowed now (ask information, (not) admissible, approve, refuse, a reported change
handled). Plain forms; htmx optional."""

from flask import abort, flash, g, redirect, render_template, url_for

from portal.auth.actor import staff_required
from portal.domain import decisions, dossier_states
from portal.domain.changes import CHANGE_LABELS, LEAVING
from portal.domain.evaluations import KINDS as EVALUATION_KINDS
from portal.domain.wop import REASONS as WOP_REASONS
from portal.extensions import db
from portal.forms import EmptyForm
from portal.services import audit
from portal.services.dossiers import actions, answers, changes, decision_terms, evaluations, queries, wop_requests
from portal.services.dossiers.transitions import ACTION_LABELS, Conflict
from portal.staff import bp, forms
from portal.uploads import storage


def _page(application, status=200, **overrides):
    # A refused approval already holds the terms it was checked against: the sources are asked once.
    terms = overrides["approve"].terms if "approve" in overrides else actions.proposal(application)
    approve = forms.ApproveForm(formdata=None, percentage=terms.percentage, begin=terms.dates.begin,
                                end=terms.dates.end).setup(terms)
    refuse = forms.RefuseForm(formdata=None, reasons=application.dossier.proposed_refusal)
    context = dict(ask=forms.AskInformationForm(formdata=None), admissible=forms.AdmissibleForm(formdata=None),
                   inadmissible=forms.InadmissibleForm(formdata=None), approve=approve, refuse=refuse,
                   leaving=forms.LeavingForm(formdata=None),
                   vdab_evaluation=forms.VdabEvaluationForm(formdata=None, day=application.dossier.vdab_evaluated_on),
                   terms=terms, need_missing=decisions.NEED_MISSING, vop_percentages=decisions.VOP_PERCENTAGES)
    forms_given = overrides.pop("wop_forms", {})
    context["wop_requests"] = [(r, forms_given.get(r.id) or forms.WopOutcomeForm(formdata=None).offer(wop_requests.OUTCOMES, r))
                               for r in wop_requests.of(application)]
    context.update(wop_reasons=WOP_REASONS, wop_outcomes=wop_requests.OUTCOMES)
    context.update(overrides)
    allowed = dossier_states.allowed_actions(queries.status(application), dossier_states.STAFF)
    return render_template(
        "staff/dossier.html", application=application, dossier=application.dossier,
        sections=answers.readable(application), history=queries.history(application),
        requests=queries.requests(application), deadline=queries.deadline(application),
        days_left=queries.days_left(application), processing_deadline=queries.processing_deadline(application),
        decision_term=decision_terms.decision_term(application), evaluation_request=decision_terms.is_evaluation_request(application),
        may_record_vdab_evaluation=actions.may_record_vdab_evaluation(application),
        allowed=allowed, labels=ACTION_LABELS, evaluation_labels=EVALUATION_KINDS,
        state_label=queries.label(application), changes=changes.of(application),
        change_labels=CHANGE_LABELS, change_summary=changes.summary, plain=EmptyForm(formdata=None),
        may_record_leaving=LEAVING in changes.kinds(application),
        **context), status


@bp.get("/dossiers/<int:application_id>")
@staff_required
def dossier(application_id):
    """One dossier: answers, documents, source checks, history and the actions allowed now."""
    application = queries.get_for_staff(application_id)
    audit.record_now("dossier_gelezen", g.user, application_id=application.id, enterprise_id=application.enterprise_id)
    return _page(application)


def _act(application_id, key, form_class, do, done, prepare=None):
    """Validate the action's form, do it, and record it in the audit trail (`key`'s action)."""
    application = queries.get_for_staff(application_id)
    form = form_class()
    if prepare is not None:
        prepare(form, application)
    if not form.validate_on_submit():
        return _page(application, 422, **{key: form})
    try:
        do(application, form)
    except (dossier_states.TransitionNotAllowed, Conflict):
        db.session.rollback()
        flash("Deze actie kan niet (meer) bij de huidige stand van het dossier.")
    else:
        audit.record_now(AUDITED[key], g.user, application_id=application.id,
                         enterprise_id=application.enterprise_id, detail=_summary(form))
        flash(done)
    return redirect(url_for(".dossier", application_id=application_id), 303)


AUDITED = {"ask": "informatie_gevraagd", "admissible": "ontvankelijk", "inadmissible": "niet_ontvankelijk",
           "approve": "goedgekeurd", "refuse": "geweigerd", "leaving": "uit_dienst_geregistreerd",
           "vdab_evaluation": "vdab_evaluatie_vastgelegd"}


def _summary(form) -> str:
    """What was decided, for the audit line: the form's values but its token."""
    return "; ".join(f"{field.label.text}: {field.data}" for field in form
                     if field.type not in ("CSRFTokenField", "HiddenField") and field.data not in (None, ""))


@bp.post("/dossiers/<int:application_id>/informatie")
@staff_required
def ask(application_id):
    """Ask the applicant for information; the applicant gets an e-mail."""
    return _act(application_id, "ask", forms.AskInformationForm,
                lambda a, f: actions.ask_information(a, g.user, f.question.data.strip()),
                "De vraag is verstuurd. De aanvrager krijgt een e-mail.")


@bp.post("/dossiers/<int:application_id>/ontvankelijk")
@staff_required
def admissible(application_id):
    """Declare the dossier admissible."""
    return _act(application_id, "admissible", forms.AdmissibleForm,
                lambda a, f: actions.declare_admissible(a, g.user, (f.note.data or "").strip()),
                "Het dossier is ontvankelijk verklaard.")


@bp.post("/dossiers/<int:application_id>/niet-ontvankelijk")
@staff_required
def inadmissible(application_id):
    """Declare the dossier not admissible, with reasons."""
    return _act(application_id, "inadmissible", forms.InadmissibleForm,
                lambda a, f: actions.declare_inadmissible(a, g.user, f.reasons.data.strip()),
                "Het dossier is niet ontvankelijk verklaard.")


@bp.post("/dossiers/<int:application_id>/goedkeuren")
@staff_required
def approve(application_id):
    """Approve with percentage and dates."""
    return _act(application_id, "approve", forms.ApproveForm,
                lambda a, f: actions.approve(a, g.user, f.percentage.data, f.begin.data, f.end.data,
                                             (f.motivation.data or "").strip()),
                "Het dossier is goedgekeurd. De beslissing wordt gemaild.",
                prepare=lambda f, a: f.setup(actions.proposal(a)))


@bp.post("/dossiers/<int:application_id>/weigeren")
@staff_required
def refuse(application_id):
    """Refuse with reasons."""
    return _act(application_id, "refuse", forms.RefuseForm,
                lambda a, f: actions.refuse(a, g.user, f.reasons.data.strip()),
                "Het dossier is geweigerd. De beslissing wordt gemaild.")


@bp.get("/dossiers/<int:application_id>/documenten/<int:document_id>")
@staff_required
def document(application_id, document_id):
    """A document, as a download."""
    application = queries.get_for_staff(application_id)
    found = queries.document(application, document_id)
    audit.record_now("document_gelezen", g.user, application_id=application.id, document_id=found.id,
                     enterprise_id=application.enterprise_id, detail=found.original_name)
    return storage.send(found.stored_name, found.original_name, found.mime_type)


@bp.post("/dossiers/<int:application_id>/wijzigingen/<int:notice_id>/verwerkt")
@staff_required
def handle_change(application_id, notice_id):
    """Mark a reported change as handled (a new account becomes the enterprise's account)."""
    application = queries.get_for_staff(application_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        changes.handle(application, notice_id, g.user)
    except changes.NotAllowed:
        db.session.rollback()
        flash("Deze wijziging is al verwerkt.")
    else:
        audit.record_now("wijziging_verwerkt", g.user, application_id=application.id,
                         enterprise_id=application.enterprise_id, detail=f"melding {notice_id}")
        flash("De wijziging is verwerkt.")
    return redirect(url_for(".dossier", application_id=application_id), 303)


@bp.post("/dossiers/<int:application_id>/uit-dienst")
@staff_required
def leaving(application_id):
    """Record that the employee left service: the premium ends with that quarter (seed 003, step 7)."""
    def do(application, form):
        try:
            changes.record_leaving(application, g.user, form.last_day.data)
        except changes.NotAllowed:
            raise dossier_states.TransitionNotAllowed(LEAVING)
    return _act(application_id, "leaving", forms.LeavingForm, do,
                "De uitdiensttreding is geregistreerd; de einddatum van de premie is aangepast.",
                prepare=lambda f, a: f.setup(a.applied_on))


@bp.post("/dossiers/<int:application_id>/vdab-evaluatie")
@staff_required
def vdab_evaluation(application_id):
    """Record the day VDAB evaluated an evaluation request: it becomes the dossier's last VDAB evaluation."""
    def do(application, form):
        try:
            actions.record_vdab_evaluation(application, g.user, form.day.data)
        except evaluations.NotAllowed:
            raise dossier_states.TransitionNotAllowed("vdab_evaluatie")
    return _act(application_id, "vdab_evaluation", forms.VdabEvaluationForm, do,
                "De datum van de evaluatie door VDAB is vastgelegd.",
                prepare=lambda f, a: f.setup(a.dossier.received_on))
