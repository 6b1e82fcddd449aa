"""Berichten aan aanvragers: staff write one message, preview it with its recipients, confirm that
very preview and send; the delivery runs in jobs (portal/services/campaigns.py)."""

import hashlib
import secrets

from flask import flash, g, redirect, render_template, request, url_for

from portal.auth.actor import staff_required
from portal.domain.campaigns import AUDIENCES
from portal.extensions import db
from portal.models import BulkMessage
from portal.models.campaigns import AANGEMAAKT
from portal.services import campaigns
from portal.staff import bp
from portal.staff.forms import BulkMessageForm
from portal.templating import page


@bp.get("/berichten")
@staff_required
def bulk_messages():
    """Messages sent to many applicants, newest first, with how far their delivery is."""
    return render_template("staff/berichten.html", rows=campaigns.listing(), audiences=AUDIENCES)


def _seen(form, count: int) -> str:
    """What the staff member saw in the preview: the number of recipients and the message itself.
    Sending checks it again, so nothing changed since the preview goes out unseen."""
    text = "\x1f".join((form.subject.data or "", form.body.data or "", form.measure.data or "",
                        form.audience.data or ""))
    return f"{count}:{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _new_preview(form, count: int) -> None:
    """A new preview: a new one-time token, and what it shows, to check again on sending."""
    form.token.data = secrets.token_urlsafe(24)
    form.expected.data = _seen(form, count)
    form.confirm.data = False


def _compose(form, status=200, recipients=None):
    sample = None
    if recipients:
        first = recipients[0]
        sample = render_template("mail/bulk_bericht.txt", contact=first.name, numbers=first.numbers,
                                 bulk=BulkMessage(subject=form.subject.data, body=form.body.data))
    return render_template("staff/bericht_nieuw.html", form=form, recipients=recipients, sample=sample), status


@bp.route("/berichten/nieuw", methods=["GET", "POST"])
@staff_required
def new_bulk_message():
    """Write a message, preview it with its recipients, confirm and send (plain form posts)."""
    form = BulkMessageForm()
    if request.method == "GET" or not form.validate_on_submit():
        return _compose(form, 200 if request.method == "GET" else 422)
    found = campaigns.recipients(form.measure.data, form.audience.data)
    if not found:
        form.audience.errors.append("Voor deze keuze is er geen enkel dossier met een contactpersoon: "
                                    "niemand zou het bericht krijgen.")
        return _compose(form, 422)
    if request.form.get("actie") != "versturen":
        _new_preview(form, len(found))
        return _compose(form, recipients=found)
    if form.expected.data != _seen(form, len(found)) or not form.token.data:
        _new_preview(form, len(found))
        form.confirm.errors = [f"Het bericht of het aantal ontvangers ({len(found)}) is veranderd sinds het "
                               "voorbeeld. Lees het voorbeeld hieronder opnieuw na en bevestig dan."]
        return _compose(form, 422, recipients=found)
    if not form.confirm.data:
        form.confirm.errors = ["Vink aan dat u het voorbeeld en het aantal ontvangers hebt nagelezen."]
        return _compose(form, 422, recipients=found)
    message, new = campaigns.create(subject=form.subject.data, body=form.body.data.strip(), measure=form.measure.data,
                               audience=form.audience.data, token=form.token.data, user=g.user)
    flash("Het bericht wordt verstuurd." if new else "Dit bericht was al verstuurd: het is niet opnieuw verstuurd.")
    return redirect(url_for(".bulk_message", message_id=message.id), 303)


@bp.get("/berichten/<int:message_id>")
@staff_required
def bulk_message(message_id):
    """One message: its text, recipients and delivery (htmx refreshes it until every e-mail left)."""
    message = db.get_or_404(BulkMessage, message_id)
    counts = campaigns.progress(message)
    done = message.status == AANGEMAAKT and not counts.get("created") and not counts.get("sending")
    return page("staff/bericht.html", block="voortgang", message=message, counts=counts, done=done,
                audiences=AUDIENCES)
