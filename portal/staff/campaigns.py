"""Berichten aan aanvragers: staff write one message, preview it with its recipients, confirm that
very preview and send; the delivery runs in jobs (portal/services/campaigns.py)."""

import hashlib
import secrets

from flask import abort, flash, g, redirect, render_template, request, url_for

from portal.auth.actor import staff_required
from portal.domain.campaigns import AUDIENCES, merge
from portal.extensions import db
from portal.forms import EmptyForm, choices
from portal.models import BulkMessage
from portal.services import audit, campaigns
from portal.staff import bp
from portal.staff.forms import BulkMessageForm
from portal.templating import page, timestamp


@bp.get("/berichten")
@staff_required
def bulk_messages():
    """Messages sent to many applicants, newest first, with how far their delivery is."""
    rows = campaigns.listing()
    return render_template("staff/berichten.html", rows=rows, audiences=AUDIENCES,
                           states={m.id: campaigns.state(m, found) for m, found in rows})


def _seen(form, count: int) -> str:
    """What the staff member saw in the preview: the number of recipients, the message, who it is
    for and when it leaves. Sending checks it again, so nothing changed since the preview goes out
    unseen."""
    text = "\x1f".join(str(value) for value in (
        form.subject.data or "", form.body.data or "", form.measure.data or "", form.audience.data or "",
        sorted(form.filters().as_json().items()), form.planned_at()))
    return f"{count}:{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _new_preview(form, count: int) -> None:
    """A new preview: a new one-time token, and what it shows, to check again on sending."""
    form.token.data = secrets.token_urlsafe(24)
    form.expected.data = _seen(form, count)
    form.confirm.data = False


def _compose(form, status=200, recipients=None):
    sample = chosen = subject = None
    if recipients:
        form.preview_for.choices = choices((r.email, f"{r.name} <{r.email}>") for r in recipients[:200])
        chosen = next((r for r in recipients if r.email == form.preview_for.data), recipients[0])
        form.preview_for.data = chosen.email
        subject = merge(form.subject.data or "", chosen)
        sample = render_template("mail/bulk_bericht.txt", contact=chosen.name, numbers=chosen.numbers,
                                 body=merge(form.body.data or "", chosen),
                                 bulk=BulkMessage(subject=form.subject.data, body=form.body.data))
    return render_template("staff/bericht_nieuw.html", form=form, recipients=recipients, sample=sample,
                           chosen=chosen, subject=subject), status


@bp.route("/berichten/nieuw", methods=["GET", "POST"])
@staff_required
def new_bulk_message():
    """Write a message, choose who gets it, preview it for a chosen recipient, confirm and send now
    or at a planned moment (plain form posts)."""
    form = BulkMessageForm().setup()
    if request.method == "GET" or not form.validate_on_submit():
        return _compose(form, 200 if request.method == "GET" else 422)
    found = campaigns.recipients(form.measure.data, form.audience.data, form.filters())
    if not found:
        form.audience.errors.append("Voor deze keuze is er geen enkel dossier met een contactpersoon: "
                                    "niemand zou het bericht krijgen.")
        return _compose(form, 422)
    if request.form.get("actie") != "versturen":
        _new_preview(form, len(found))
        return _compose(form, recipients=found)
    if form.expected.data != _seen(form, len(found)) or not form.token.data:
        _new_preview(form, len(found))
        form.confirm.errors = [f"Het bericht, de ontvangers ({len(found)}) of het moment is veranderd sinds het "
                               "voorbeeld. Lees het voorbeeld hieronder opnieuw na en bevestig dan."]
        return _compose(form, 422, recipients=found)
    if not form.confirm.data:
        form.confirm.errors = ["Vink aan dat u het voorbeeld en het aantal ontvangers hebt nagelezen."]
        return _compose(form, 422, recipients=found)
    message, _first = campaigns.create(subject=form.subject.data, body=form.body.data.strip(), measure=form.measure.data,
                                    audience=form.audience.data, token=form.token.data, user=g.user,
                                    filters=form.filters(), send_at=form.planned_at())
    # A double click or a resent form gets the message its first post recorded (not `_first`) and
    # reads what that post said: for the one who sent it, it is the same message, sent once.
    if message.send_at:
        flash(f"Het bericht is gepland: het vertrekt {timestamp(message.send_at)}.")
    else:
        flash("Het bericht wordt verstuurd.")
    return redirect(url_for(".bulk_message", message_id=message.id), 303)


@bp.get("/berichten/<int:message_id>")
@staff_required
def bulk_message(message_id):
    """One message: its text, recipients and delivery (htmx refreshes it until every e-mail left)."""
    message = db.get_or_404(BulkMessage, message_id)
    counts = campaigns.progress(message)
    state = campaigns.state(message, counts)
    return page("staff/bericht.html", block="voortgang", message=message, counts=counts, state=state,
                done=state in ("klaar", "geannuleerd", "gepauzeerd"), audiences=AUDIENCES, form=EmptyForm(),
                allowed_actions=campaigns.allowed_actions(message, counts),
                filters=campaigns.describe_filters(message))


ACTIONS = {
    "pauzeren": (campaigns.pause, "Het bericht is gepauzeerd: er vertrekken geen e-mails meer tot u het hervat."),
    "hervatten": (campaigns.resume, "Het bericht is hervat."),
    "annuleren": (campaigns.cancel, "Het bericht is geannuleerd: wat nog niet vertrokken was, vertrekt niet meer."),
    "opnieuw": (campaigns.retry_failed, "De mislukte e-mails worden opnieuw verstuurd."),
}


@bp.post("/berichten/<int:message_id>/<any(pauzeren, hervatten, annuleren, opnieuw):action>")
@staff_required
def steer_bulk_message(message_id, action):
    """Pause, resume, cancel, or send the failed ones again."""
    message = db.get_or_404(BulkMessage, message_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if action not in campaigns.allowed_actions(message, campaigns.progress(message)):
        flash("Dat kan niet meer in deze stand van het bericht.")
    else:
        function, text = ACTIONS[action]
        function(message)
        audit.record_now(f"bericht_{action}", g.user, detail=f"‘{message.subject}’ (bericht {message.id})")
        flash(text)
    return redirect(url_for(".bulk_message", message_id=message.id), 303)
