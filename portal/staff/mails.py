"""Every e-mail the portal wrote (the outbox, with its delivery state) and the local mailbox: what
the SMTP server really received, in development and tests."""

from flask import abort, current_app, g, render_template, request
from sqlalchemy.orm import defer

from portal.auth.actor import staff_required
from portal.extensions import db
from portal.mail import sink
from portal.models import BulkMessage, OutboxMessage
from portal.services import audit
from portal.staff import bp

STATUS_LABELS = {"created": "in wachtrij", "sending": "wordt verzonden", "sent": "verzonden", "failed": "mislukt",
                 "paused": "gepauzeerd", "cancelled": "geannuleerd"}


@bp.get("/e-mails")
@staff_required
def mails():
    """The outbox: every message with its delivery state, filtered by state, campaign and error
    (the SMTP reply code); the failures of one campaign are one link away from its page."""
    status = request.args.get("status", "")
    campaign = request.args.get("bericht", type=int)
    code = request.args.get("fout", "")
    query = db.select(OutboxMessage).options(defer(OutboxMessage.body_text), defer(OutboxMessage.body_html))
    if status in STATUS_LABELS:
        query = query.filter(OutboxMessage.status == status)
    if campaign:
        query = query.filter(OutboxMessage.campaign_id == campaign)
    if code == "geen":
        query = query.filter(OutboxMessage.status.in_(("created", "failed")), OutboxMessage.last_error.is_not(None),
                             OutboxMessage.last_code.is_(None))
    elif code.isdigit():
        query = query.filter(OutboxMessage.last_code == int(code))
    messages = db.session.scalars(query.order_by(OutboxMessage.id.desc()).limit(200)).all()
    errors = db.session.execute(
        db.select(OutboxMessage.last_code, db.func.count()).filter(OutboxMessage.status == "failed")
        .group_by(OutboxMessage.last_code).order_by(db.func.count().desc())).all()
    campaigns = db.session.execute(db.select(BulkMessage.id, BulkMessage.subject).order_by(BulkMessage.id.desc())
                                   .limit(50)).all()
    return render_template("staff/mails.html", messages=messages, labels=STATUS_LABELS, status=status,
                           campaign=campaign, code=code, errors=errors, campaigns=campaigns)


@bp.get("/e-mails/<int:message_id>")
@staff_required
def mail(message_id):
    """One outbox message as it was written."""
    message = db.get_or_404(OutboxMessage, message_id)
    audit.record_now("e-mail_gelezen", g.user, enterprise_id=message.enterprise_id,
                     detail=f"‘{message.subject}’ aan {message.recipient} (e-mail {message.id})")
    return render_template("staff/mail.html", message=message)


@bp.get("/mailbox")
@staff_required
def mailbox():
    """The local mail sink: what the SMTP server really received (development and tests)."""
    directory = current_app.config["MAIL_SINK_DIR"]
    return render_template("staff/mailbox.html", messages=sink.read(directory), enabled=bool(directory))


@bp.get("/mailbox/<key>")
@staff_required
def mailbox_message(key):
    """One received message."""
    found = sink.find(current_app.config["MAIL_SINK_DIR"], key)
    if found is None:
        abort(404)
    audit.record_now("mailbox_gelezen", g.user, detail=f"bericht {key}")
    return render_template("staff/mailbox_message.html", message=found)
