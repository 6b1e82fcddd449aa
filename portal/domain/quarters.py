"""Calendar quarters (1 Jan, 1 Apr, 1 Jul, 1 Oct): almost every date rule of the premiums.

Pure functions; "today" is always passed in, so tests can travel in time.
"""

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1..4

    def __post_init__(self):
        if not 1 <= self.number <= 4:
            raise ValueError("Een kwartaal is 1, 2, 3 of 4.")

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> date:
        return self.shift(1).start - timedelta(days=1)

    def shift(self, quarters: int) -> "Quarter":
        index = self.year * 4 + (self.number - 1) + quarters
        return Quarter(index // 4, index % 4 + 1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def label(self) -> str:
        """Dutch label, e.g. "4de kwartaal 2026"."""
        ordinals = {1: "1ste", 2: "2de", 3: "3de", 4: "4de"}
        return f"{ordinals[self.number]} kwartaal {self.year}"

    def __str__(self) -> str:
        return f"{self.year}-K{self.number}"


def quarter_of(day: date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def first_day_of_quarter(day: date) -> date:
    return quarter_of(day).start


def first_day_of_next_quarter(day: date) -> date:
    return quarter_of(day).shift(1).start


def penultimate_quarter(last_day: date) -> Quarter:
    """The quarter before the one in which a grant ends."""
    return quarter_of(last_day).shift(-1)


def anniversary(day: date, years: int) -> date:
    """The same day `years` later; a 29 February falls on 1 March in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return date(day.year + years, 3, 1)


def end_after_years(begin: date, years: int) -> date:
    """The last day of a period of `years` years starting on `begin`."""
    return anniversary(begin, years) - timedelta(days=1)


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of the month when that day does not exist."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)
