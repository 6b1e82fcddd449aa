"""Fault drills: each prints its figures with `report` (`pytest -s tests/resilience` shows them)."""


def report(name: str, **figures) -> None:
    print(f"\n[drill] {name}: " + ", ".join(f"{key}={value}" for key, value in figures.items()), flush=True)
