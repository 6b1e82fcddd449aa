"""`make serve`: the portal as a department runs it, on this machine: gunicorn (two sync workers
per core, or WEB_CONCURRENCY), one RQ worker per core (or RQ_WORKERS; the first also runs RQ's
scheduler), and the ticker, against the PostgreSQL, Redis and SMTP server the environment names.
It refuses to start without them: no embedded Redis, no SQLite, no local mail sink.

A worker or the ticker that dies is started again (after a second, then longer); if gunicorn
dies, everything stops. Ctrl-C or SIGTERM stops all, letting running jobs finish."""

import os
import signal
import subprocess
import sys
import time

REQUIRED = {
    "DATABASE_URL": "de PostgreSQL-database, bv. postgresql://loket@db:5432/loket",
    "REDIS_URL": "de Redis-server, bv. redis://redis:6379/0",
    "SMTP_HOST": "de SMTP-server waarlangs e-mail vertrekt",
}


def missing_settings(environ=os.environ) -> list[str]:
    problems = [f"{name} ({meaning})" for name, meaning in REQUIRED.items() if not environ.get(name)]
    if environ.get("DATABASE_URL", "").startswith("sqlite"):
        problems.append("DATABASE_URL moet naar PostgreSQL wijzen, niet naar SQLite")
    return problems


def commands(environ=os.environ) -> dict[str, list[str]]:
    cores = os.cpu_count() or 1
    web = int(environ.get("WEB_CONCURRENCY", 2 * cores))
    workers = int(environ.get("RQ_WORKERS", cores))
    bind = f"{environ.get('HOST', '127.0.0.1')}:{environ.get('PORT', '8000')}"
    bin_dir = os.path.dirname(sys.executable)
    from portal.queue import WORKER_QUEUES

    found = {"web": [os.path.join(bin_dir, "gunicorn"), "-w", str(web), "-b", bind, "--access-logfile", "-",
                     "portal:create_app()"],
             "ticker": [os.path.join(bin_dir, "flask"), "loket", "ticker"]}
    for n in range(workers):
        found[f"worker-{n + 1}"] = [os.path.join(bin_dir, "rq"), "worker", "-w", "jobs.worker.Worker",
                                    *(["--with-scheduler"] if n == 0 else []), "--url", environ["REDIS_URL"],
                                    *WORKER_QUEUES]
    return found


def main() -> int:
    problems = missing_settings()
    if problems:
        print("make serve draait het loket zoals in productie en start niet zonder:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        print("Voor een demo op deze machine: make run.", file=sys.stderr)
        return 2
    env = dict(os.environ, FLASK_APP="portal:create_app", PYTHONUNBUFFERED="1")
    bin_dir = os.path.dirname(sys.executable)
    if subprocess.call([os.path.join(bin_dir, "flask"), "db", "upgrade"], env=env) != 0:
        print("De migraties mislukten: zie hierboven.", file=sys.stderr)
        return 1
    wanted = commands()
    running = {name: subprocess.Popen(command, env=env) for name, command in wanted.items()}
    restarts = dict.fromkeys(wanted, 0)
    stopping = False

    def stop(*_):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print(f"Loket draait op http://{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')} "
          f"({', '.join(wanted)}); /readyz zegt of alles bereikbaar is.", flush=True)
    code = 0
    while not stopping:
        time.sleep(0.5)
        for name, process in list(running.items()):
            if process.poll() is None:
                continue
            if name == "web":
                print("gunicorn is gestopt: alles stopt.", file=sys.stderr)
                stopping, code = True, 1
                break
            restarts[name] += 1
            delay = min(30, restarts[name])
            print(f"{name} stopte (code {process.returncode}); opnieuw gestart over {delay} s.", file=sys.stderr)
            time.sleep(delay)
            running[name] = subprocess.Popen(wanted[name], env=env)
    for process in running.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # RQ finishes the running job first
    for process in running.values():
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            process.kill()
    return code


if __name__ == "__main__":
    sys.exit(main())
