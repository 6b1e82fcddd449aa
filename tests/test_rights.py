"""Rights per measure (seeds 000_ad5896a634baea1c.txt, 002_d614cd7cf29eebab.txt, 003_cf4b65171622c691.txt)."""

from portal.domain import rights
from portal.domain.measures import MEASURES, get_measure


def test_a_vop_right_does_not_open_individueel_maatwerk():
    # 003: "Dus ook als u voordien al een VOP-dossier had, moet u deze actie ondernemen voor individueel maatwerk."
    assert rights.may_apply({"vop"}, "vop")
    assert not rights.may_apply({"vop"}, "im")


def test_every_measure_has_a_tile_and_missing_rights_are_lighter_with_an_explanation():
    # 003: "krijgt u de tegel ... wel te zien ..., maar die is dan lichter van kleur en kan niet aangeklikt worden"
    tiles = rights.tiles({"vop"})
    assert [t.measure.code for t in tiles] == [m.code for m in MEASURES]
    by_code = {t.measure.code: t for t in tiles}
    assert by_code["vop"].enabled and by_code["vop"].how_to_obtain is None
    assert not by_code["im"].enabled
    assert "DWSE Organisatieverantwoordelijke" in by_code["im"].how_to_obtain
    assert "lokale beheerder" in by_code["im"].how_to_obtain


def test_no_rights_no_open_tiles():
    assert not any(t.enabled for t in rights.tiles(set()))


def test_only_the_local_admin_of_the_same_enterprise_manages_rights():
    # 002: "Vraag de lokale beheerder ... om u de nodige rechten toe te kennen"
    assert rights.may_manage_rights(is_local_admin=True, same_enterprise=True)
    assert not rights.may_manage_rights(is_local_admin=False, same_enterprise=True)
    assert not rights.may_manage_rights(is_local_admin=True, same_enterprise=False)


def test_measures_are_known_by_code():
    assert get_measure("im").title == "Individueel maatwerk"
    assert get_measure("vop").title == "Vlaamse ondersteuningspremie"
    assert get_measure("lde") is None
