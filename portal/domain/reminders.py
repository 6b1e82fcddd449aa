"""When a running dossier's reminders are due (seeds 001, 003). Pure: today is passed in; each
reminder is sent once per dossier and occasion (the outbox key), so these only say *whether* one is
due today.

- VOP, seed 001: "Tijdens het voorlaatste kwartaal van de toekenning van de VOP zal u op de hoogte
  worden gebracht van het einde van de betalingen van de VOP en van de mogelijkheid om ... een
  gemotiveerde aanvraag tot behoud van de VOP in te dienen."
- 5-year grants, seed 003: evaluation "vanaf het laatste jaar"; "minstens 5 maanden vóór het einde".
- Drafts and unanswered questions: 14 days without a move (the portal's own choice: the seeds ask
  for the 7-day admissibility term, which stands still while the department waits).
"""

from datetime import date, datetime, timedelta

from portal.domain import evaluations
from portal.domain.quarters import penultimate_quarter

STALE_DAYS = 14


def running(begin: date | None, end: date | None, today: date) -> bool:
    return begin is not None and end is not None and begin <= today <= end


def penultimate_quarter_due(begin: date | None, end: date | None, today: date) -> bool:
    """VOP: today lies in the quarter before the one in which the grant ends."""
    return running(begin, end, today) and penultimate_quarter(end).contains(today)


def last_year_due(begin: date | None, end: date | None, today: date) -> bool:
    """A 5-year grant in its last year, while an evaluation can still be filed in time (before the
    end): the employer is told to ask at least 5 months before the end."""
    return (running(begin, end, today) and evaluations.is_five_year(begin, end)
            and today >= evaluations.duration_opens(end))


def stale(last_move: datetime, now: datetime) -> bool:
    """Nothing happened for 14 days."""
    return last_move <= now - timedelta(days=STALE_DAYS)
