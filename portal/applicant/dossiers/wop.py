"""The werkondersteuningspakket on an individueel-maatwerk dossier (seed 004): ask a correction (up to
8 weeks after hiring), ask an evaluation that the employee co-signs, send the employee a new link.
Scoped by `g.enterprise` and the user's right for the measure, like every dossier page."""

from flask import abort, g, request

from portal.applicant.dossiers import bp
from portal.applicant.dossiers.forms import WopCorrectionForm, WopEvaluationForm
from portal.applicant.dossiers.requests import _checked
from portal.applicant.dossiers.routes import _back_to, _dossier, _files
from portal.auth.actor import enterprise_required
from portal.clock import today
from portal.domain import wop
from portal.extensions import db
from portal.forms import EmptyForm
from portal.ratelimits import limited
from portal.services.dossiers import answers, wop_requests
from portal.templating import page
from portal.uploads.checks import UploadRefused


def _form(form_class):
    return form_class() if request.method == "POST" else form_class(formdata=None)


@bp.route("/<int:application_id>/wop-correctie", methods=["GET", "POST"])
@limited("upload")
@enterprise_required
def wop_correction(application_id):
    """Ask VDAB to correct the employee's werkondersteuningspakket, up to 8 weeks after hiring."""
    application = _dossier(application_id)
    overview = wop_requests.overview(application)
    if overview is None or overview.correction is None or not overview.correction.open:
        reason = overview.correction_problem if overview and overview.correction_problem else \
            "Voor dit dossier kunt u geen correctie van het werkondersteuningspakket vragen."
        return _back_to(application, reason)
    form = _form(WopCorrectionForm)
    if form.validate_on_submit():
        try:
            wop_requests.request_correction(application, g.user, form.motivation.data.strip(),
                                            [("wop_correctie", n, c) for n, c in _files(form.documents)])
        except UploadRefused as refused:
            db.session.rollback()
            form.documents.errors = [str(refused)]
        except wop_requests.NotAllowed as problem:
            db.session.rollback()
            return _back_to(application, str(problem))
        else:
            return _back_to(application, "Uw vraag tot correctie van het werkondersteuningspakket is naar VDAB verstuurd.")
    return page("dossiers/wop_correction.html", status=422 if request.method == "POST" else 200,
                application=application, form=form, overview=overview)


@bp.route("/<int:application_id>/wop-evaluatie", methods=["GET", "POST"])
@limited("upload")
@enterprise_required
def wop_evaluation(application_id):
    """Ask an evaluation of the package, with a recent POP and a motivation report; the employee co-signs."""
    application = _dossier(application_id)
    overview = wop_requests.overview(application)
    if overview is None or not overview.evaluation_possible:
        return _back_to(application, "Een evaluatie van het werkondersteuningspakket kan voor een lopende premie.")
    form = _form(WopEvaluationForm)
    if request.method == "GET":
        form.employee_email.data = answers.employee_email(application)
    if form.validate_on_submit() and _grounds(application, form) and _checked(form, files := form.files()):
        try:
            wop_requests.request_evaluation(application, g.user, form.reason.data, form.motivation.data.strip(),
                                            form.pop_on.data, form.employee_email.data.strip(), files)
        except wop_requests.NotAllowed as problem:
            db.session.rollback()
            form.reason.errors = [str(problem)]
        else:
            return _back_to(application, "Uw aanvraag tot evaluatie is bewaard. De werknemer kreeg een e-mail om ze mee "
                                         "te ondertekenen; pas dan gaat ze naar VDAB.")
    return page("dossiers/wop_evaluation.html", status=422 if request.method == "POST" else 200,
                application=application, form=form, overview=overview)


def _grounds(application, form) -> bool:
    """The ground and the POP's age, each judged next to its own field (seed 004)."""
    problem = wop_requests.evaluation_problem(application, form.reason.data)
    if problem:
        form.reason.errors = [problem]
    pop = wop.pop_problem(form.pop_on.data, today())
    if pop:
        form.pop_on.errors = [pop]
    return not problem and not pop


@bp.post("/<int:application_id>/wop/<int:request_id>/nieuwe-link")
@enterprise_required
def wop_resend(application_id, request_id):
    """Send the employee a new link to co-sign; the previous link stops working."""
    application = _dossier(application_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        row = wop_requests.resend(application, request_id, g.user)
    except wop_requests.NotAllowed as problem:
        db.session.rollback()
        return _back_to(application, str(problem))
    return _back_to(application, f"Een nieuwe link is verstuurd naar {row.employee_email}. De vorige link werkt niet meer.")
