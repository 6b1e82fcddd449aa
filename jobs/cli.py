"""`flask loket …`: demo data, the outbox sweep and the periodic ticker. Registered with Flask
through the `flask.commands` entry point (pyproject.toml), so the web app never imports jobs/."""

import time

import click
from flask import current_app
from flask.cli import AppGroup

loket = AppGroup("loket", help="Loket beheertaken.")


@loket.command("seed-demo")
def seed_demo():
    """Load the demo enterprises, users and reference data, and dossiers in every state relative to
    today (idempotent)."""
    from portal import demo, demo_life

    demo.seed()
    demo_life.seed()
    click.echo("Demodata geladen.")


@loket.command("sweep")
def sweep():
    """Re-enqueue outbox messages that were never delivered."""
    from jobs import mail

    click.echo(f"{mail.sweep()} bericht(en) opnieuw in de wachtrij gezet.")


@loket.command("ticker")
@click.option("--every", default=60, show_default=True, help="Seconden tussen twee rondes.")
def ticker(every):
    """Enqueue the periodic sweeps every N seconds (run one ticker per deployment)."""
    from jobs import periodic
    from portal.queue import get_queue

    while True:
        periodic.enqueue_all(get_queue())
        current_app.logger.debug("periodieke taken in de wachtrij gezet")
        time.sleep(every)
