"""python -m benchmarks [--quick] [--only NAME ...]: run the benchmarks, print a table of figures
with their targets. Always exits 0: these are figures, not tests (a benchmark that breaks prints
FOUT and its traceback)."""

import argparse
import importlib
import os
import sys
import time
import traceback
import warnings

from benchmarks import Env, Figure, quiet_rq, workdir

BENCHMARKS = [
    ("pages", "(a) Pagina's voor de aanvrager"),
    ("step_save", "(b) Wizardstap bewaren"),
    ("upload", "(c) Hervatbare upload in stukken"),
    ("outbox", "(d) Outbox: e-mail bezorgen"),
    ("work_queue", "(e) Werkbak backoffice"),
    ("bulk", "(f) Berichten aan aanvragers"),
    ("web", "(g) Web onder gunicorn naast de kale route"),
    ("growth", "(h) Groei: lijsten bij 1×, 10× en 100× zoveel dossiers"),
    ("confirmation", "(i) Indienen → bevestiging in de SMTP-server, onder last"),
    ("quarterly", "(j) Kwartaalberekening van de premies (PostgreSQL)"),
]


def table(sections: list[tuple[str, list[Figure] | str]]) -> str:
    rows = [("Meting", "Waarde", "Doel", "")]
    for title, figures in sections:
        rows.append((title, "", "", ""))
        if isinstance(figures, str):
            rows.append(("  " + figures, "", "", "FOUT"))
            continue
        rows += [("  " + f.name, f.shown(), f.target, f.verdict()) for f in figures]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join([row[0].ljust(widths[0]), row[1].rjust(widths[1]), row[2].ljust(widths[2]), row[3]]).rstrip())
        if n == 0:
            lines.append("-" * (sum(widths) + 6))
    return "\n".join(lines)


def write_results(args, sections, seconds: float) -> None:
    """benchmarks/RESULTS.md: the last run's table with the machine it ran on (a full run of all
    benchmarks replaces it; a partial or quick run adds its own file next to it)."""
    import platform
    from datetime import datetime, timezone
    from pathlib import Path

    name = "RESULTS.md" if not args.quick and not args.only else "RESULTS-partial.md"
    database = "PostgreSQL (DATABASE_URL)" if os.environ.get("DATABASE_URL") else "SQLite"
    redis = "Redis (REDIS_URL)" if os.environ.get("REDIS_URL") else "ingebedde Redis"
    text = (f"# Benchmarks\n\nLaatste run: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, "
            f"{'quick' if args.quick else 'volledig'}{', alleen ' + ', '.join(args.only) if args.only else ''}; "
            f"{database}, {redis}; {platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
            f"load {os.getloadavg()[0]:.1f}; {seconds:.0f} s.\n\n```\n{table(sections)}\n```\n")
    Path(__file__).with_name(name).write_text(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer requests and messages (a smoke run)")
    parser.add_argument("--only", nargs="+", choices=[name for name, _ in BENCHMARKS], metavar="NAME",
                        help="run only these: " + ", ".join(name for name, _ in BENCHMARKS))
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore", category=DeprecationWarning, module="aiosmtpd.*")
    quiet_rq()

    chosen = [(name, title) for name, title in BENCHMARKS if not args.only or name in args.only]
    database = "DATABASE_URL" if os.environ.get("DATABASE_URL") else "tijdelijke SQLite"
    redis = "REDIS_URL" if os.environ.get("REDIS_URL") else "ingebedde Redis"
    print(f"loket benchmarks ({'quick' if args.quick else 'volledig'}; {database}, {redis}; "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f})", flush=True)
    started = time.perf_counter()
    sections = []
    with workdir() as path:
        env = Env(path)
        print(f"  app, schema en demodata klaar in {time.perf_counter() - started:.1f} s", flush=True)
        try:
            for name, title in chosen:
                began = time.perf_counter()
                try:
                    figures = importlib.import_module(f"benchmarks.{name}").run(env, args.quick)
                except Exception as error:  # noqa: BLE001  (report it, go on with the others)
                    traceback.print_exc()
                    figures = f"{type(error).__name__}: {error}"
                sections.append((title, figures))
                print(f"  {title}: {time.perf_counter() - began:.1f} s", flush=True)
        finally:
            env.close()
    print()
    print(table(sections))
    write_results(args, sections, time.perf_counter() - started)
    missed = sum(1 for _, figures in sections if not isinstance(figures, str) for f in figures if f.ok is False)
    broken = sum(1 for _, figures in sections if isinstance(figures, str))
    print(f"\n{missed} figuur/figuren boven doel, {broken} benchmark(s) met FOUT; "
          f"totaal {time.perf_counter() - started:.1f} s. Doelen zijn richtwaarden, geen test.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
