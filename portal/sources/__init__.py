"""The authentic sources (VDAB, RSZ, Departement Onderwijs): one adapter interface each.

The portal cannot reach the real services; `local` answers from reference tables that staff load
from CSV in the back office. A source that cannot answer raises `SourceUnavailable`: the dossier
then waits and the check is retried, it is never declared not admissible for it.
"""

from typing import Protocol

from portal.domain.admissibility import Period, VdabFacts


class SourceUnavailable(Exception):
    """The source did not answer (down, timeout); try again later."""

    def __init__(self, source: str, detail: str = ""):
        super().__init__(f"{source}: {detail}" if detail else source)
        self.source = source


class VdabSource(Protocol):
    def person(self, national_number: str) -> VdabFacts | None:
        """What VDAB knows of this person, or None when VDAB does not know them."""


class RszSource(Protocol):
    def dimona(self, enterprise_number: str, national_number: str) -> tuple[Period, ...]:
        """The employment relations declared in DIMONA between this enterprise and this person."""


class OnderwijsSource(Protocol):
    def employments(self, enterprise_number: str, national_number: str) -> tuple[Period, ...]:
        """Employments of this person through the Departement Onderwijs in this school group."""


class Sources:
    def __init__(self, vdab: VdabSource, rsz: RszSource, onderwijs: OnderwijsSource):
        self.vdab, self.rsz, self.onderwijs = vdab, rsz, onderwijs


def get_sources() -> Sources:
    """The configured adapters; tests may put others in `app.extensions["loket_sources"]`."""
    from flask import current_app

    from portal.sources import local

    return current_app.extensions.get("loket_sources") or local.sources()
