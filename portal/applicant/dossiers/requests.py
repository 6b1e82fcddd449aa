"""Requests about one dossier, filed from its page: an evaluation of a running individueel-maatwerk
grant (seed 003, the "Evalueren" button) and a reconsideration of a refused VOP (seeds 000, 001).
Plain forms; each is scoped by `g.enterprise` and the user's right for the measure."""

from flask import abort, g, redirect, request, url_for

from portal.applicant.dossiers import bp
from portal.applicant.dossiers.forms import ReconsiderationForm, evaluation_form
from portal.applicant.dossiers.routes import _back_to, _dossier, _files
from portal.auth.actor import enterprise_required
from portal.extensions import db
from portal.forms import EmptyForm
from portal.services.dossiers import evaluations, reconsiderations
from portal.templating import page
from portal.uploads import checks
from portal.uploads.checks import UploadRefused


@bp.route("/<int:application_id>/evaluatie", methods=["GET", "POST"])
@enterprise_required
def evaluation(application_id):
    """Ask for an evaluation of the height or the duration, with the motivation report."""
    application = _dossier(application_id)
    allowed = evaluations.allowed(application)
    if not allowed:
        return _back_to(application, "Voor dit dossier kunt u nu geen evaluatie aanvragen. Op de pagina leest u waarom.")
    form_class = evaluation_form(evaluations.required_documents(application))
    form = (form_class() if request.method == "POST" else form_class(formdata=None)).offer(allowed)
    if form.validate_on_submit() and _checked(form, files := form.files()):
        try:
            child = evaluations.request(application, g.user, form.kind.data, (form.motivation.data or "").strip(), files)
        except evaluations.NotAllowed:
            db.session.rollback()
            return _back_to(application, "Deze evaluatie kunt u voor dit dossier niet (meer) aanvragen.")
        else:
            return _back_to(child, f"Uw aanvraag tot evaluatie {child.number} is ingediend. U krijgt een bevestiging per e-mail.")
    return page("dossiers/evaluation.html", status=422 if request.method == "POST" else 200,
                application=application, form=form)


@bp.post("/<int:application_id>/vop-evaluatie")
@enterprise_required
def vop_evaluation(application_id):
    """Start the individueel-maatwerk application that evaluates a VOP of indefinite duration (seed
    003), with what the VOP dossier knows filled in; the wizard takes it from there."""
    application = _dossier(application_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if "im" not in g.rights:
        return _back_to(application, "Voor een evaluatie van de VOP hebt u het recht voor individueel maatwerk nodig. "
                                     "Vraag het aan de lokale beheerder van uw organisatie.")
    try:
        draft = evaluations.start_vop_evaluation(application, g.user)
    except evaluations.NotAllowed:
        db.session.rollback()
        return _back_to(application, "Deze VOP kan niet (meer) geëvalueerd worden.")
    return redirect(url_for("wizard.resume", application_id=draft.id), 303)


def _checked(form, files) -> bool:
    """Every file passes the upload checks; a refused one gets its Dutch message next to its field."""
    ok = True
    for kind, name, content in files:
        try:
            checks.check(checks.clean_name(name), content)
        except UploadRefused as refused:
            form[kind].errors = [str(refused)]
            ok = False
    return ok


@bp.route("/<int:application_id>/heroverweging", methods=["GET", "POST"])
@enterprise_required
def reconsideration(application_id):
    """Ask for a reconsideration of a refused VOP, within 45 days of VDAB's refusal letter."""
    application = _dossier(application_id)
    window = reconsiderations.window(application)
    if window is None or not window.open or reconsiderations.of(application):
        return _back_to(application, "Voor dit dossier kunt u geen heroverweging (meer) vragen. Op de pagina leest u waarom.")
    form = ReconsiderationForm() if request.method == "POST" else ReconsiderationForm(formdata=None)
    if form.validate_on_submit():
        try:
            child = reconsiderations.request(application, g.user, form.motivation.data.strip(),
                                             [("heroverweging", name, content) for name, content in _files(form.documents)])
        except UploadRefused as refused:
            db.session.rollback()
            form.documents.errors = [str(refused)]
        except reconsiderations.NotAllowed:
            db.session.rollback()
            return _back_to(application, "Voor dit dossier kunt u geen heroverweging (meer) vragen.")
        else:
            return _back_to(child, f"Uw verzoek tot heroverweging {child.number} is ingediend. U krijgt een bevestiging per e-mail.")
    return page("dossiers/reconsideration.html", status=422 if request.method == "POST" else 200,
                application=application, form=form, window=window)
