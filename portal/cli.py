"""`flask loket …` commands: demo data, the outbox sweep and the periodic ticker."""

import time

import click
from flask import current_app


def init_app(app):
    app.cli.add_command(loket)


@click.group()
def loket():
    """Loket beheertaken."""


@loket.command("seed-demo")
def seed_demo():
    """Load the demo enterprises, users and reference data (idempotent)."""
    from portal import demo

    demo.seed()
    click.echo("Demodata geladen.")


@loket.command("sweep")
def sweep():
    """Re-enqueue outbox messages that were never delivered."""
    from jobs.mail import sweep as run_sweep

    click.echo(f"{run_sweep()} bericht(en) opnieuw in de wachtrij gezet.")


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
