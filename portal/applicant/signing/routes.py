"""The page the employee's link opens: read the evaluation request, sign it once. The token is the
only key: an unknown or replaced link answers 404, a used or expired one 410, each with a Dutch page."""

from flask import render_template

from portal.applicant.signing import bp
from portal.applicant.signing.forms import SignForm
from portal.domain.wop import REASONS
from portal.extensions import db
from portal.models import Application
from portal.services.dossiers import wop_requests

REFUSED = {
    "onbekend": (404, "Deze link werkt niet",
                 "Deze link bestaat niet, of uw werkgever vroeg intussen een nieuwe link aan: alleen de link in de "
                 "laatste e-mail werkt. Vraag uw werkgever zo nodig om een nieuwe link."),
    "gebruikt": (410, "Deze link werd al gebruikt",
                 "De aanvraag is al ondertekend: een link om te ondertekenen werkt maar één keer. U hoeft niets meer "
                 "te doen."),
    "verlopen": (410, "Deze link is verlopen",
                 "De termijn om met deze link te ondertekenen is voorbij. Vraag uw werkgever om u een nieuwe link "
                 "te sturen."),
}


def _page(template: str, status: int, **context):
    """The token is in the URL: the page is never cached, nor sent on as a referrer."""
    return render_template(template, **context), status, {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _refused(reason: str):
    status, title, text = REFUSED[reason]
    return _page("signing/refused.html", status, title=title, text=text)


@bp.route("/<token>", methods=["GET", "POST"])
def sign(token):
    """Read the WOP evaluation request and co-sign it (anonymous by token)."""
    try:
        row = wop_requests.by_token(token)
    except wop_requests.LinkRefused as refused:
        return _refused(refused.reason)
    form = SignForm()
    if form.validate_on_submit():
        try:
            signed = wop_requests.sign(token, form.name.data.strip())
        except wop_requests.LinkRefused as refused:
            return _refused(refused.reason)
        return _page("signing/signed.html", 200, row=signed)
    application = db.session.get(Application, row.application_id)
    return _page("signing/sign.html", 422 if form.errors else 200, form=form, row=row, application=application,
                 reasons=REASONS)
