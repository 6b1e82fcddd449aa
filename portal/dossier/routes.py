"""The applicant's "Actuele stand van uw dossier": every dossier of the acting enterprise, one
dossier with its history and documents, the answer to an information request, and a state block
that htmx refreshes until the dossier is final. Every lookup is scoped by `g.enterprise` (404)."""

from flask import Blueprint, flash, g, redirect, render_template, url_for

from portal.auth.session import enterprise_required
from portal.domain import dossier as machine
from portal.dossier import actions, queries
from portal.dossier.forms import AnswerForm
from portal.dossier.transitions import ACTION_LABELS, Conflict
from portal.extensions import db
from portal.templating import page
from portal.uploads import storage
from portal.uploads.checks import UploadRefused

bp = Blueprint("dossier", __name__, url_prefix="/dossiers")


def _view(application):
    status = queries.status(application)
    return {"status_label": machine.label(status), "next_step": machine.next_step(status),
            "final": machine.is_final(status), "deadline": queries.deadline(application)}


@bp.get("/")
@enterprise_required
def index():
    """Actuele stand van uw dossier: every dossier of the enterprise, with state, next step and deadline."""
    rows = [(a, _view(a)) for a in queries.of_enterprise(g.enterprise.id)]
    return render_template("dossier/index.html", rows=rows)


def _page(application, form=None, status=200):
    return page("dossier/show.html", status=status, application=application, dossier=application.dossier,
                view=_view(application), history=queries.history(application), labels=ACTION_LABELS,
                open_request=actions.open_request(application) if actions.may_answer(application) else None,
                requests=queries.requests(application), form=form or AnswerForm(formdata=None))


@bp.get("/<int:application_id>")
@enterprise_required
def show(application_id):
    """One dossier: state, next step, decision, documents, questions and history."""
    return _page(queries.get_for_enterprise(g.enterprise.id, application_id))


@bp.get("/<int:application_id>/stand")
@enterprise_required
def state(application_id):
    """The state block alone (htmx polls it until the dossier is final); the whole page otherwise."""
    application = queries.get_for_enterprise(g.enterprise.id, application_id)
    return page("dossier/show.html", block="stand", application=application, dossier=application.dossier,
                view=_view(application), history=queries.history(application), labels=ACTION_LABELS,
                open_request=None, requests=[], form=AnswerForm(formdata=None))


@bp.post("/<int:application_id>/antwoord")
@enterprise_required
def answer(application_id):
    """Answer the department's question, with documents; the clock runs again."""
    application = queries.get_for_enterprise(g.enterprise.id, application_id)
    form = AnswerForm()
    if form.validate_on_submit():
        files = []
        for upload in form.documents.data or []:
            if upload and upload.filename:
                files.append((upload.filename, upload.read()))
            if upload:
                upload.close()
        try:
            actions.answer_information(application, g.user, form.answer.data.strip(), files)
        except UploadRefused as refused:
            form.documents.errors = [str(refused)]
        except (machine.TransitionNotAllowed, Conflict):
            db.session.rollback()
            flash("Er wordt voor dit dossier geen informatie (meer) gevraagd.")
            return redirect(url_for(".show", application_id=application.id), 303)
        else:
            flash("Bedankt. Uw antwoord is bij het departement.")
            return redirect(url_for(".show", application_id=application.id), 303)
    return _page(application, form, 422)


@bp.get("/<int:application_id>/documenten/<int:document_id>")
@enterprise_required
def document(application_id, document_id):
    """Download one of the dossier's documents."""
    found = queries.document(queries.get_for_enterprise(g.enterprise.id, application_id), document_id)
    return storage.send(found.stored_name, found.original_name, found.mime_type)
