"""The sweeps that enqueue again what the database says is still to do."""

import importlib

from jobs.context import app_context


def requeue(module: str, finder: str, kind: str) -> int:
    """A sweep: enqueue the `kind` job (portal.queue.JOBS) for every id `<module>.<finder>()` finds
    (run in the app's context; the portal module is imported only then, not when a worker imports
    the jobs)."""
    with app_context():
        from portal.queue import enqueue, get_queue

        ids = getattr(importlib.import_module(module), finder)()
        queue = get_queue()
        for row_id in ids:
            enqueue(queue, kind, row_id)
        return len(ids)
