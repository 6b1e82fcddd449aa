"""The applicant's "Actuele stand van uw dossier": every dossier of the acting enterprise, one
dossier with its history and documents, the answer to an information request, and a state block
that htmx refreshes until the dossier is final. Every lookup is scoped by `g.enterprise` (404)."""

from flask import abort, flash, g, make_response, redirect, render_template, request, url_for

from portal.applicant.dossiers import bp
from portal.applicant.dossiers.forms import CHANGE_FORMS, AnswerForm, ChangeKindForm, LeavingForm
from portal.auth.actor import enterprise_required, require_measure_right
from portal.database import reads_only
from portal.domain import dossier_states, wop
from portal.domain.changes import CHANGE_LABELS
from portal.extensions import db
from portal.forms import EmptyForm
from portal.domain.evaluations import KINDS as EVALUATION_KINDS
from portal.services import audit
from portal.services.dossiers import actions, changes, copy_pdf, evaluations, queries, reconsiderations, wop_requests
from portal.services.dossiers.transitions import ACTION_LABELS, Conflict
from portal.ratelimits import limited
from portal.templating import is_fragment_request, page
from portal.uploads import storage
from portal.uploads.checks import UploadRefused


PAGE_SIZE = 50  # dossiers per page of "Actuele stand"


def _view(application):
    status = queries.status(application)
    return {"status_label": queries.label(application), "next_step": queries.next_step(application),
            "final": dossier_states.is_final(status), "deadline": queries.deadline(application)}


@bp.get("/")
@enterprise_required
@reads_only
def index():
    """Actuele stand van uw dossier: every dossier of the enterprise for a measure the user holds the
    right for, with state, next step and deadline."""
    found = queries.of_enterprise(g.enterprise.id, g.rights, page=request.args.get("pagina", 1, type=int),
                                  size=PAGE_SIZE)
    return render_template("dossiers/index.html", rows=[(a, _view(a)) for a in found.rows], found=found)


def _page(application, form=None, status=200):
    return page("dossiers/show.html", status=status, application=application, dossier=application.dossier,
                evaluation_options=evaluations.options(application), evaluations=evaluations.of(application),
                window=reconsiderations.window(application), reconsiderations=reconsiderations.of(application),
                evaluation_labels=EVALUATION_KINDS, plain=EmptyForm(formdata=None),
                vop_evaluation=evaluations.vop_evaluation_possible(application),
                vop_evaluations=evaluations.vop_evaluations(application) if application.measure == "vop" else [],
                view=_view(application), history=queries.history(application), labels=ACTION_LABELS,
                open_request=actions.open_request(application) if actions.may_answer(application) else None,
                requests=queries.requests(application), form=form or AnswerForm(formdata=None),
                changes=changes.of(application), may_change=bool(changes.kinds(application)),
                change_labels=CHANGE_LABELS, change_summary=changes.summary,
                unreachable=queries.unreachable([application]).get(application.id),
                handlers=audit.handlers_of(application.id), wop=wop_requests.overview(application),
                wop_reasons=wop.REASONS, wop_outcomes=wop_requests.OUTCOMES, wop_rules=wop)


@bp.get("/<int:application_id>")
@enterprise_required
@reads_only
def show(application_id):
    """One dossier: state, next step, decision, documents, questions and history."""
    return _page(_dossier(application_id))


@bp.get("/<int:application_id>/stand")
@enterprise_required
@reads_only
def state(application_id):
    """The state block alone (htmx polls it until the dossier is final); the whole page otherwise."""
    application = _dossier(application_id)
    if not is_fragment_request():
        return _page(application)
    return page("dossiers/show.html", block="stand", application=application, dossier=application.dossier,
                view=_view(application), history=queries.history(application), labels=ACTION_LABELS,
                open_request=None, requests=[], form=AnswerForm(formdata=None))


@bp.post("/<int:application_id>/antwoord")
@limited("upload")
@enterprise_required
def answer(application_id):
    """Answer the department's question, with documents; the clock runs again."""
    application = _dossier(application_id)
    form = AnswerForm()
    if form.validate_on_submit():
        try:
            actions.answer_information(application, g.user, form.answer.data.strip(), _files(form.documents))
        except UploadRefused as refused:
            form.documents.errors = [str(refused)]
        except (dossier_states.TransitionNotAllowed, Conflict):
            db.session.rollback()
            return _back_to(application, "Er wordt voor dit dossier geen informatie (meer) gevraagd.")
        else:
            return _back_to(application, "Bedankt. Uw antwoord is bij het departement.")
    return _page(application, form, 422)


@bp.get("/<int:application_id>/documenten/<int:document_id>")
@enterprise_required
def document(application_id, document_id):
    """Download one of the dossier's documents."""
    found = queries.document(_dossier(application_id), document_id)
    return storage.send(found.stored_name, found.original_name, found.mime_type)


@bp.get("/<int:application_id>/kopie.pdf")
@enterprise_required
def copy(application_id):
    """A PDF copy of what was submitted: answers, documents, date and time of receipt."""
    application = _dossier(application_id)
    response = make_response(copy_pdf.render(application))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="aanvraag-{application.number}.pdf"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _dossier(application_id: int):
    """The enterprise's own dossier (404 for another's), for a user holding the right for its
    measure (403 with the way to obtain it), as in the wizard."""
    application = queries.get_for_enterprise(g.enterprise.id, application_id)
    require_measure_right(application.measure)
    return application


def _back_to(application, message: str):
    """To the dossier page, with a message for the applicant."""
    flash(message)
    return redirect(url_for(".show", application_id=application.id), 303)


def _files(field) -> list[tuple[str, bytes]]:
    """The files chosen in a multiple-file field, read and closed."""
    files = []
    for upload in field.data or []:
        if upload and upload.filename:
            files.append((upload.filename, upload.read()))
        if upload:
            upload.close()
    return files


@bp.route("/<int:application_id>/wijziging", methods=["GET", "POST"])
@enterprise_required
def change(application_id):
    """Report a change (seed 003, step 7): first what changes."""
    application = _dossier(application_id)
    kinds = changes.kinds(application)
    if not kinds:
        return _back_to(application, "Voor dit dossier kunt u geen wijziging (meer) melden.")
    form = (ChangeKindForm() if request.method == "POST" else ChangeKindForm(formdata=None)).offer(kinds)
    if form.validate_on_submit():
        return redirect(url_for(".change_details", application_id=application.id, kind=form.kind.data), 303)
    return page("dossiers/change_kind.html", status=422 if request.method == "POST" else 200,
                application=application, form=form)


@bp.route("/<int:application_id>/wijziging/<kind>", methods=["GET", "POST"])
@enterprise_required
def change_details(application_id, kind):
    """Report a change: what it is, with documents where they help; confirmed by e-mail."""
    application = _dossier(application_id)
    if kind not in CHANGE_FORMS:
        abort(404)
    if kind not in changes.kinds(application):
        return _back_to(application, "Deze wijziging kunt u voor dit dossier niet (meer) melden.")
    form_class = CHANGE_FORMS[kind]
    form = form_class() if request.method == "POST" else form_class(formdata=None)
    if isinstance(form, LeavingForm):
        form.setup(application.applied_on)
    if form.validate_on_submit():
        files = _files(form.documents) if "documents" in form else []
        try:
            changes.report(application, g.user, kind, form.details(), files)
        except UploadRefused as refused:
            db.session.rollback()
            form.documents.errors = [str(refused)]
        except changes.NotAllowed:
            db.session.rollback()
            return _back_to(application, "Deze wijziging kunt u voor dit dossier niet (meer) melden.")
        else:
            return _back_to(application, "Uw wijziging is gemeld. U krijgt een bevestiging per e-mail.")
    return page("dossiers/change.html", status=422 if request.method == "POST" else 200,
                application=application, form=form, kind=kind, title=CHANGE_LABELS[kind])
