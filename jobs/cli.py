"""`flask loket …`: demo data, the outbox sweep and the periodic ticker. Registered with Flask
through the `flask.commands` entry point (pyproject.toml), so the web app never imports jobs/."""

import time

import click
from flask import current_app
from flask.cli import AppGroup

loket = AppGroup("loket", help="Loket beheertaken.")


@loket.command("seed-demo")
def seed_demo():
    """Load the demo enterprises, users and reference data, dossiers in every state relative to
    today, and their quarterly declarations and payments (idempotent)."""
    from portal import demo, demo_life, demo_money

    demo.seed()
    demo_life.seed()
    demo_money.seed()
    click.echo("Demodata geladen.")


@loket.command("sweep")
def sweep():
    """Re-enqueue outbox messages that were never delivered."""
    from jobs import mail

    click.echo(f"{mail.sweep()} bericht(en) opnieuw in de wachtrij gezet.")


@loket.command("ticker")
@click.option("--every", default=60, show_default=True, help="Seconden tussen twee rondes van de sweeps.")
@click.option("--mail-every", default=2.0, show_default=True,
              help="Seconden tussen twee blikken op de outbox: e-mails waarvan de volgende poging nu is.")
def ticker(every, mail_every):
    """Enqueue the periodic sweeps every N seconds, and wake the e-mail delivery whenever an outbox
    row is due (a retry after a 4xx, a row of a worker that died): the row says when, not a
    worker's scheduler. Run one ticker per deployment (two do no harm, only double work)."""
    from redis.exceptions import RedisError
    from sqlalchemy.exc import SQLAlchemyError

    from jobs import mail, periodic
    from portal.extensions import db
    from portal.queue import get_queue

    next_round = 0.0
    while True:
        try:
            if time.monotonic() >= next_round:
                periodic.enqueue_all(get_queue())
                next_round = time.monotonic() + every
            mail.sweep()
        except (RedisError, SQLAlchemyError) as error:  # down for a moment: try again next tick
            db.session.rollback()
            current_app.logger.warning("ticker: %s", error)
        finally:
            db.session.remove()
        time.sleep(mail_every)
