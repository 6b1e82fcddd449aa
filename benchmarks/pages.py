"""(a) Page renders for the applicant: "Start nieuwe aanvraag" and a wizard step page."""

from benchmarks import BAKERY, CONTACT, at_most, expect, info, start_draft

TARGET_P95_MS = 100


def run(env, quick: bool):
    count = 60 if quick else 300
    client = env.client("els", BAKERY)
    app_id = start_draft(client)
    expect(client.post(f"/aanvragen/{app_id}/contact", data=CONTACT), 303, "stap contact bewaren")

    pages = [("Start nieuwe aanvraag", "/aanvraag", "Start nieuwe aanvraag"),
             ("Wizardstap Werknemer", f"/aanvragen/{app_id}/werknemer", "Rijksregisternummer")]
    figures = []
    for name, url, marker in pages:
        page = client.get(url)
        if page.status_code != 200 or marker not in page.get_data(as_text=True):
            raise RuntimeError(f"{url} toont niet wat verwacht is (status {page.status_code})")

        def request(_i, url=url):
            expect(client.get(url), 200, url)

        timings = env.timed(count, request)
        figures += [
            info(f"{name}: doorvoer ({count} GET)", timings.per_second, "req/s"),
            info(f"{name}: p50", timings.median_ms, "ms"),
            at_most(f"{name}: p95", timings.percentile(95), "ms", TARGET_P95_MS),
            info(f"{name}: CPU per request", timings.cpu_ms, "ms"),
            info(f"{name}: SQL-queries per request", timings.queries_per_request, ""),
        ]
    return figures
