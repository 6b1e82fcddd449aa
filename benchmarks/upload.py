"""(c) A resumable chunked upload of a 4 MB PDF in 256 KB chunks: throughput, and peak memory
(tracemalloc, over the whole upload, in a separate run so tracing does not slow the timed ones).

In the memory run the garbage collector runs after each chunk: Flask's test client leaves each
request's body in reference cycles, which would otherwise show up as 3 MB of client-side chunks
that no real server would hold."""

import gc
import time
import tracemalloc

from benchmarks import BAKERY, at_least, at_most, expect, fill_until_documents, info, start_draft, EMPLOYEE
from portal.extensions import db
from portal.models import Document
from tests import files

FILE_SIZE = 4 * 1024 * 1024  # the largest document the portal accepts
CHUNK = 256 * 1024
TARGET_MB_S = 20
TARGET_PEAK_RATIO = 3
LOTTE = {**EMPLOYEE, "national_number": "90.02.15-123.70", "first_name": "Lotte", "last_name": "Vermeulen"}


def pdf(size: int) -> bytes:
    """A valid PDF of exactly `size` bytes (tests/files.pdf padded, then trimmed to size)."""
    content = files.pdf(size + 64)
    head, tail = content[:-7], content[-7:]  # tail: the newline ending the padding comment, then %%EOF
    return head[: size - len(tail)] + tail


def upload(client, app_id: int, content: bytes, name: str, collect: bool = False) -> None:
    opened = client.post(f"/aanvragen/{app_id}/uploads", data={"kind": "extra", "name": name, "size": len(content)})
    if opened.status_code != 200 or opened.json["offset"] != 0:
        raise RuntimeError(f"upload openen: status {opened.status_code} {opened.get_data(as_text=True)[:200]}")
    url = opened.json["url"]
    for start in range(0, len(content), CHUNK):
        end = min(start + CHUNK, len(content))
        response = client.put(url, data=content[start:end],
                              headers={"Content-Range": f"bytes {start}-{end - 1}/{len(content)}"})
        if response.status_code != 200:
            raise RuntimeError(f"chunk {start}: status {response.status_code} {response.get_data(as_text=True)[:200]}")
        done = response.json.get("done")
        response.close()
        if collect:
            del response
            gc.collect()
    if not done:
        raise RuntimeError("de laatste chunk sloot de upload niet af")


def run(env, quick: bool):
    count = 3 if quick else 10
    client = env.client("els", BAKERY)
    app_id = start_draft(client)
    fill_until_documents(client, app_id, LOTTE)
    content = pdf(FILE_SIZE)

    upload(client, app_id, content, "warm-up.pdf")
    before, cpu = env.queries.count, time.process_time()
    start = time.perf_counter()
    for i in range(count):
        upload(client, app_id, content, f"plan-{i}.pdf")
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    queries = (env.queries.count - before) / count

    tracemalloc.start()
    tracemalloc.reset_peak()
    upload(client, app_id, content, "geheugen.pdf", collect=True)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    with env.context():
        stored = db.session.scalars(db.select(Document.size).filter_by(application_id=app_id)).all()
    if len(stored) != count + 2 or set(stored) != {FILE_SIZE}:
        raise RuntimeError(f"verwacht {count + 2} documenten van {FILE_SIZE} bytes, gevonden {stored}")
    expect(client.get(f"/aanvragen/{app_id}/documenten"), 200, "documentenpagina")

    megabytes = FILE_SIZE / 1024 / 1024
    ratio = peak / FILE_SIZE
    return [
        at_least(f"Chunked upload 4 MB / 256 KB ({count}×): doorvoer", count * megabytes / seconds, "MB/s", TARGET_MB_S),
        info("Chunked upload: tijd per bestand", seconds / count * 1000, "ms"),
        info("Chunked upload: CPU per bestand", cpu / count * 1000, "ms"),
        info("Chunked upload: SQL-queries per bestand (17 requests)", queries, ""),
        info("Chunked upload: piekgeheugen (tracemalloc)", peak / 1024 / 1024, "MB"),
        at_most("Chunked upload: piekgeheugen / bestandsgrootte", ratio, "×", TARGET_PEAK_RATIO),
    ]
