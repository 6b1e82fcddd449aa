"""A refused VOP: the reconsideration window and VDAB's waiting time (seeds 000, 001: "binnen de 45
dagen na ontvangst van de brief waarmee de VDAB zijn beslissing tot weigering ... heeft meegedeeld,
een schriftelijk verzoek tot heroverweging indienen"; "Indien het recht meer dan zes maanden geleden
werd geweigerd, kan de werknemer echter opnieuw een aanvraag indienen bij de VDAB"). Pure."""

from dataclasses import dataclass
from datetime import date, timedelta

from portal.domain.admissibility import REFUSAL_WAIT_MONTHS, add_months

RECONSIDERATION = "heroverweging"  # Application.kind of a reconsideration request
WINDOW_DAYS = 45


@dataclass(frozen=True)
class Window:
    refused_on: date  # the date of VDAB's refusal letter
    last_day: date  # the last day to ask for a reconsideration
    open: bool
    vdab_again_from: date  # from when the employee may ask VDAB again


def window(refused_on: date, today: date) -> Window:
    last_day = refused_on + timedelta(days=WINDOW_DAYS)
    return Window(refused_on, last_day, refused_on <= today <= last_day, add_months(refused_on, REFUSAL_WAIT_MONTHS))
