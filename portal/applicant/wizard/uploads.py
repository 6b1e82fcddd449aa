"""The documents step: plain uploads (no JavaScript) and resumable chunked uploads."""

import re

from flask import abort, g, jsonify, redirect, request, url_for

from portal.applicant.wizard import bp
from portal.applicant.wizard.forms import UploadForm
from portal.applicant.wizard.pages import indicator, load, step_url
from portal.auth.actor import enterprise_required
from portal.domain import wizard
from portal.forms import EmptyForm
from portal.ratelimits import limited
from portal.services.applications import drafts
from portal.services.applications.flows import flow_for
from portal.templating import page
from portal.uploads import documents, storage
from portal.uploads.checks import UploadRefused

CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+)$")


def just_uploaded(application):
    """The document named by ?opgeladen= after an upload: the page says so where it is listed and
    puts the focus there (a reload would otherwise leave a keyboard user at the top)."""
    wanted = request.args.get("opgeladen", type=int)
    return next((d for d in application.documents if d.id == wanted), None) if wanted else None


def render_documents(application, errors=None, status=200):
    ctx = drafts.context_for(application)
    definition = flow_for(application.measure)
    number, total = wizard.position(definition.flow, ctx, "documenten")
    previous = wizard.previous_step(definition.flow, ctx, "documenten")
    return page("wizard/documents.html", block="step", status=status, application=application,
                step=definition.flow.get("documenten"), number=number, total=total,
                steps=indicator(application, ctx, "documenten"), errors=errors or {},
                requirements=definition.required_documents(ctx), documents=drafts.documents_by_kind(application),
                previous_url=step_url(application, previous) if previous else None, form=UploadForm(),
                uploaded_now=None if errors else just_uploaded(application))


def uploaded_url(application, document) -> str:
    return url_for("wizard.documents", application_id=application.id, opgeladen=document.id,
                   _anchor=f"opgeladen-{document.kind}")


def known_kind(application, kind: str) -> bool:
    ctx = drafts.context_for(application)
    return any(req.kind == kind for req in flow_for(application.measure).required_documents(ctx))


@bp.route("/aanvragen/<int:application_id>/documenten", methods=["GET", "POST"], endpoint="documents")
@limited("upload")
@enterprise_required
def documents_step(application_id):
    """Show the documents the choices require; a plain post uploads one file."""
    application = load(application_id)
    ctx = drafts.context_for(application)
    if not wizard.may_open(flow_for(application.measure).flow, ctx, "documenten"):
        return redirect(step_url(application, wizard.first_open_step(flow_for(application.measure).flow, ctx)))
    if request.method == "GET":
        return render_documents(application)
    form = UploadForm()
    kind = form.kind.data or ""
    upload = request.files.get("bestand")
    if not form.validate_on_submit() or not known_kind(application, kind):
        abort(400)
    if upload is None or not upload.filename:
        return render_documents(application, {kind: "Kies een bestand om op te laden."}, 422)
    try:
        document = documents.store(application, kind, upload.filename, upload.read(), g.user)
    except UploadRefused as refused:
        return render_documents(application, {kind: str(refused)}, 422)
    return redirect(uploaded_url(application, document), code=303)


@bp.post("/aanvragen/<int:application_id>/documenten/verder")
@enterprise_required
def documents_done(application_id):
    """Go on to the review when every required document is there."""
    application = load(application_id)
    ctx = drafts.context_for(application)
    missing = {req.kind: f"Voeg het document ‘{req.label}’ toe." for req in
               flow_for(application.measure).required_documents(ctx) if req.required and req.kind not in ctx.documents}
    if missing or not EmptyForm().validate_on_submit():
        return render_documents(application, missing, 422)
    return redirect(url_for("wizard.review", application_id=application.id), code=303)


@bp.get("/aanvragen/<int:application_id>/documenten/<int:document_id>")
@enterprise_required
def download(application_id, document_id):
    """Download an uploaded document, under its original name."""
    application = load(application_id, editable=False)
    document = documents.get_document(application, document_id)
    if document is None:
        abort(404)
    return storage.send(document.stored_name, document.original_name, document.mime_type)


@bp.post("/aanvragen/<int:application_id>/documenten/<int:document_id>/verwijderen")
@enterprise_required
def remove(application_id, document_id):
    """Remove a document from a draft."""
    application = load(application_id)
    document = documents.get_document(application, document_id)
    if document is None or not EmptyForm().validate_on_submit():
        abort(404)
    documents.remove(document)
    return redirect(url_for("wizard.documents", application_id=application.id), code=303)


@bp.post("/aanvragen/<int:application_id>/uploads")
@limited("upload")
@enterprise_required
def upload_open(application_id):
    """Start (or find, to resume) a chunked upload; answers with the offset to continue from."""
    application = load(application_id)
    kind = request.form.get("kind", "")
    if not known_kind(application, kind):
        abort(400)
    try:
        size = int(request.form.get("size", "-1"))
        session = documents.open_session(application, kind, request.form.get("name", ""), size)
    except (ValueError, UploadRefused) as refused:
        message = str(refused) if isinstance(refused, UploadRefused) else "Ongeldige upload."
        return jsonify(error=message), 422
    return jsonify(offset=session.received, size=session.size,
                   url=url_for("wizard.upload_chunk", application_id=application.id, upload_id=session.id))


@bp.put("/aanvragen/<int:application_id>/uploads/<upload_id>")
@limited("upload")
@enterprise_required
def upload_chunk(application_id, upload_id):
    """Append one chunk at its offset (Content-Range); the last one checks and stores the file."""
    application = load(application_id)
    session = documents.get_session(application, upload_id)
    match = CONTENT_RANGE.match(request.headers.get("Content-Range", ""))
    if session is None:
        abort(404)
    if match is None or int(match.group(3)) != session.size:
        return jsonify(error="Ongeldige Content-Range."), 400
    try:
        complete = documents.append(session, int(match.group(1)), request.get_data())
        if not complete:
            return jsonify(offset=session.received)
        document = documents.finish(application, session, g.user)
    except documents.OffsetMismatch as mismatch:
        return jsonify(offset=mismatch.expected), 409
    except UploadRefused as refused:
        return jsonify(error=str(refused)), 422
    return jsonify(done=True, name=document.original_name, next=uploaded_url(application, document))
