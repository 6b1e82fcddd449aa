"""A scripted applicant for benchmarks/web.py (locust, headless): log in, choose the enterprise,
walk every step of an individueel-maatwerk application, upload a 1 MB PDF, submit.

Two paces: `PacedApplicant` clicks one to three seconds after each answer, a quick human's pace
(what "50 users at once" means for a counter); `Applicant` clicks the moment an answer arrives,
which measures how many requests the server carries at saturation."""

import os
import random
import re

from locust import HttpUser, between, constant, task

TOKEN = re.compile(r'"X-CSRFToken": "([^"]+)"')  # every page's body carries the token for htmx
# The contact address benchmarks/web.py (CONTACT_EMAIL) confirms beforehand.
CONTACT_EMAIL = "els@bakkerij-peeters.be"
PDF = b"%PDF-1.4\n" + b"0" * (1024 * 1024 - 40) + b"\ntrailer<<>>\n%%EOF\n"


def national_number() -> str:
    """A valid Belgian national number for someone born between 1950 and 1979: a new employee each
    time (one in ten million alike; benchmarks/confirmation.py takes those born in 1985 and 1986,
    and one application per employee would refuse a number seen before with a 422)."""
    base = f"{random.randint(50, 79)}{random.randint(1, 12):02d}{random.randint(1, 28):02d}{random.randint(1, 997):03d}"
    return base + f"{97 - int(base) % 97:02d}"


class Applicant(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        self.token = TOKEN.search(self.client.get("/aanmelden", name="aanmelden (GET)").text).group(1)
        self.wait()
        self.client.post("/aanmelden", {"login": "els", "password": "demo", "csrf_token": self.token},
                         name="aanmelden (POST)")
        page = self.client.get("/onderneming", name="onderneming (GET)").text
        self.token = TOKEN.search(page).group(1)
        self.wait()
        self.client.post("/onderneming", {"enterprise": os.environ["LOKET_BENCH_ENTERPRISE"], "csrf_token": self.token},
                         name="onderneming (POST)")

    def post(self, url, data, name, files=None):
        self.wait()  # reading and filling in the page just shown
        with self.client.post(url, {**data, "csrf_token": self.token}, files=files, name=name,
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code != 303:
                response.failure(f"{name}: {response.status_code}")
            return response

    @task
    def apply(self):
        page = self.client.get("/aanvraag", name="tegels").text
        self.token = TOKEN.search(page).group(1)
        location = self.post("/aanvraag/im/nieuw", {}, "nieuwe aanvraag").headers.get("Location", "")
        found = re.search(r"/aanvragen/(\d+)/", location)
        if not found:
            return
        base = f"/aanvragen/{found.group(1)}"
        steps = (("contact", {"name": "Els Peeters", "email": CONTACT_EMAIL, "phone": "015 12 34 56"}),
                 ("werknemer", {"national_number": national_number(), "first_name": "Pieter", "last_name": "Wouters",
                                "start_date": "2025-03-01", "street": "Bruul 12", "postcode": "2800",
                                "municipality": "Mechelen", "hours": "38"}),
                 ("premie", {"premie": "loonpremie"}),
                 ("rekening", {"iban": "BE71 0961 2345 6769"}))
        for step, data in steps:
            with self.client.get(f"{base}/{step}", name=f"stap {step} (GET)", allow_redirects=False,
                                 catch_response=True) as answer:
                if answer.status_code == 303:  # the account step, once the enterprise's account is known
                    answer.success()
                    continue
            self.post(f"{base}/{step}", data, f"stap {step} (POST)")
        self.client.get(f"{base}/documenten", name="documenten (GET)")
        self.post(f"{base}/documenten", {"kind": "extra"}, "upload 1 MB",
                  files={"bestand": ("plan.pdf", PDF, "application/pdf")})
        self.post(f"{base}/documenten/verder", {}, "naar overzicht")
        self.client.get(f"{base}/overzicht", name="overzicht (GET)")
        self.post(f"{base}/overzicht", {"declaration": "y"}, "indienen")


class Bare(HttpUser):
    wait_time = between(0, 0)

    @task
    def hello(self):
        self.client.get("/", name="kale route")


class PacedApplicant(Applicant):
    """A quick human: one to three seconds between an answer and the next click."""

    wait_time = between(1, 3)
