"""(b) Saving a wizard step: POST of the Werknemer step (validation, duplicate check, save, redirect)."""

from benchmarks import BAKERY, CONTACT, EMPLOYEE, at_most, expect, info, start_draft

TARGET_P95_MS = 150


def run(env, quick: bool):
    count = 60 if quick else 300
    client = env.client("els", BAKERY)
    app_id = start_draft(client)
    expect(client.post(f"/aanvragen/{app_id}/contact", data=CONTACT), 303, "stap contact bewaren")
    url = f"/aanvragen/{app_id}/werknemer"
    hours = ("38", "30", "19", "24,5")

    def request(i):
        # A slightly different answer each time, so every post really changes the draft.
        response = client.post(url, data={**EMPLOYEE, "hours": hours[i % len(hours)]})
        expect(response, 303, "stap werknemer bewaren")

    timings = env.timed(count, request)
    return [
        info(f"Stap Werknemer bewaren: doorvoer ({count} POST)", timings.per_second, "req/s"),
        info("Stap Werknemer bewaren: p50", timings.median_ms, "ms"),
        at_most("Stap Werknemer bewaren: p95", timings.percentile(95), "ms", TARGET_P95_MS),
        info("Stap Werknemer bewaren: CPU per request", timings.cpu_ms, "ms"),
        info("Stap Werknemer bewaren: SQL-queries per request", timings.queries_per_request, ""),
    ]
