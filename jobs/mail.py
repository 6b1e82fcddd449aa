"""Deliver outbox messages over SMTP in batches (portal/mail/delivery.py), one lane per job."""

from jobs.context import app_context


def deliver(lane: str) -> str:
    """Send what is due in the lane. Transactional mail is sent until none is due (at most
    MAIL_BATCH_SECONDS); a campaign job sends for MAIL_CAMPAIGN_JOB_SECONDS and then leaves a new
    job waiting behind the worker's transactional queue, so a confirmation never waits for a
    whole campaign."""
    with app_context():
        from flask import current_app

        from portal.mail import delivery
        from portal.queue import delivery_started, wake_delivery
        from portal.services import campaigns

        delivery_started(lane)
        if lane == "campaign" and lane in delivery.lanes_due():
            wake_delivery(lane)  # a second worker that is free helps with the campaign
        # A campaign job sends for about a second, then the worker looks at its queues again: a
        # confirmation waits at most that long behind any campaign.
        budget = current_app.config["MAIL_CAMPAIGN_JOB_SECONDS"] if lane == "campaign" else None
        outcome = delivery.deliver(lane, after_batch=campaigns.judge, seconds=budget)
        if outcome.sent + outcome.failed + outcome.retry and lane in delivery.lanes_due():
            wake_delivery(lane)  # more is due: the next job continues (after any transactional mail)
        return str(outcome)


def sweep() -> int:
    """Release rows of dead workers and wake every lane with a due row (the ticker runs this every
    few seconds, so a retry is sent when its row says, whichever worker scheduled it)."""
    with app_context():
        from portal.mail import delivery
        from portal.queue import wake_delivery

        delivery.release_abandoned()
        lanes = delivery.lanes_due()
        for lane in lanes:
            wake_delivery(lane, check_queue=True)
        return len(lanes)


def sweep_digest() -> int:
    """Once a day: the staff's digest of failed and stuck e-mail."""
    with app_context():
        from portal.services import mail_report

        return mail_report.send_daily()
