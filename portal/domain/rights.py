"""Who may do what for an enterprise (seeds 000, 002, 003)."""

from dataclasses import dataclass

from portal.domain.measures import MEASURES, RIGHT_NAME, Measure


@dataclass(frozen=True)
class Tile:
    measure: Measure
    enabled: bool
    how_to_obtain: str | None


def may_apply(held: set[str], measure_code: str) -> bool:
    """A right is held per enterprise *per measure*: a VOP right does not open individueel maatwerk."""
    return measure_code in held


def how_to_obtain(measure: Measure) -> str:
    return (
        f"U hebt voor deze onderneming nog niet het recht ‘{RIGHT_NAME}’ voor de maatregel "
        f"‘{measure.title}’. Vraag de lokale beheerder van uw organisatie om u dat recht toe te "
        "kennen in het gebruikersbeheer. Een recht voor een andere maatregel volstaat niet."
    )


def tiles(held: set[str]) -> list[Tile]:
    """One tile per measure; without the right it is shown lighter and explains how to obtain it."""
    return [
        Tile(measure, may_apply(held, measure.code), None if may_apply(held, measure.code) else how_to_obtain(measure))
        for measure in MEASURES
    ]


def may_manage_rights(is_local_admin: bool, same_enterprise: bool) -> bool:
    """Only the organisation's lokale beheerder grants or withdraws rights, and only for its own enterprise."""
    return is_local_admin and same_enterprise
