"""Demo data for `make run` and the browser tests: enterprises, a school group with two schools,
a self-employed person, staff, and reference data for the VDAB and RSZ sources."""

from datetime import date
from functools import lru_cache

from werkzeug.security import generate_password_hash

from portal.domain.staff_roles import ROLES
from portal.extensions import db
from portal.mail import addresses
from portal.models import (
    Enterprise,
    Establishment,
    MeasureRight,
    Membership,
    OnderwijsEmployment,
    RszEmployment,
    ServiceProvider,
    StaffRole,
    User,
    VdabRecord,
)

PASSWORD = "demo"

ENTERPRISES = [
    # number, name, kind, establishments: (name, is_school)
    ("0403170701", "Bakkerij Peeters NV", "werkgever", [("Bakkerij Peeters Mechelen", False), ("Bakkerij Peeters Lier", False)]),
    ("0876543270", "Schoonmaak Vandenbroucke BV", "werkgever", []),
    ("0812345603", "Scholengroep Rivierenland", "scholengroep", [("GO! Atheneum Mechelen", True), ("GO! Basisschool De Linde", True)]),
    ("1012345646", "An Claes Grafisch Ontwerp", "zelfstandige", []),
]

USERS = [
    # login, name, email, staff, memberships: (enterprise number, local admin, measures)
    ("els", "Els Peeters", "els@bakkerij-peeters.be", False,
     [("0403170701", True, ("vop", "im")), ("0876543270", False, ("vop",))]),
    ("tom", "Tom Janssens", "tom@bakkerij-peeters.be", False, [("0403170701", False, ())]),
    ("karin", "Karin De Smet", "karin@rivierenland.be", False, [("0812345603", True, ("vop", "im"))]),
    ("an", "An Claes", "an@claes-ontwerp.be", False, [("1012345646", True, ("vop", "im"))]),
    ("sofie", "Sofie Maes", "sofie.maes@wse.test", True, []),
    ("bart", "Bart Willems", "bart.willems@wse.test", True, []),
    ("nadia", "Nadia Bouzid", "nadia.bouzid@wse.test", True, []),
    ("wim", "Wim De Backer", "wim.debacker@wse.test", True, []),
]

# The staff's roles (portal/domain/staff_roles.py): each a separate right.
STAFF_ROLES = {
    "sofie": ("behandelaar",),
    "bart": ("berichten",),
    "nadia": ("audit",),
    "wim": ("beheer",),
}

VDAB = [
    # national number, need, years, package, handicap status, status date
    ("85073003328", "loonpremie", 5, "WOP 3", "erkend", date(2025, 1, 15)),
    ("90021512370", "loonpremie_begeleiding", 2, "WOP 1", "aangevraagd", date(2026, 9, 1)),
    ("78051224501", "geen", None, None, "geweigerd", date(2025, 11, 3)),
    ("92010117783", "loonpremie_begeleiding", 5, "WOP 2", "erkend", date(2024, 6, 10)),
    ("88062030119", "loonpremie", 5, "WOP 3", "erkend", date(2023, 4, 1)),
    ("01030445549", "loonpremie", 2, "WOP 5", "erkend", date(2026, 3, 20)),
]

RSZ = [
    # enterprise number, national number, start, end
    ("0403170701", "85073003328", date(2025, 3, 1), None),
    ("0403170701", "90021512370", date(2026, 2, 1), None),
    ("0876543270", "78051224501", date(2020, 9, 1), None),
    ("0812345603", "92010117783", date(2024, 9, 1), None),
    ("0812345603", "01030445549", date(2026, 9, 1), None),
]

ONDERWIJS = [
    # school group, national number, start, end: employed through the Departement Onderwijs
    ("0812345603", "92010117783", date(2024, 9, 1), None),
]

# The people of the demo, so testers know which national numbers to type.
EMPLOYEES = {
    "85073003328": "Pieter Wouters",
    "90021512370": "Lotte Vermeulen",
    "78051224501": "Marc Dubois",
    "92010117783": "Sara El Amrani",
    "88062030119": "An Claes",
    "01030445549": "Youssef Benali",
}

# Recognised service providers (erkende dienstverleners) that can act as qualified guide.
SERVICE_PROVIDERS = [
    ("GTB-VL", "GTB Vlaanderen", "Antwerpen"),
    ("GTB-OVL", "GTB Oost-Vlaanderen", "Gent"),
    ("JOBCOACH-LIM", "Jobcoaching Limburg vzw", "Hasselt"),
    ("AB-BRU", "Arbeidszorg Brussel", "Brussel"),
]


@lru_cache(maxsize=1)
def password_hash() -> str:
    return generate_password_hash(PASSWORD)


def seed() -> None:
    """Load the demo data; running it again changes nothing."""
    if db.session.scalar(db.select(Enterprise).filter_by(number=ENTERPRISES[0][0])):
        return
    by_number = {}
    for number, name, kind, establishments in ENTERPRISES:
        enterprise = Enterprise(number=number, name=name, kind=kind)
        enterprise.establishments = [Establishment(name=n, is_school=school) for n, school in establishments]
        db.session.add(enterprise)
        by_number[number] = enterprise
    db.session.flush()
    for login, name, email, staff, memberships in USERS:
        user = User(subject=login, name=name, email=email, is_staff=staff,
                    password_hash=password_hash())
        db.session.add(user)
        db.session.flush()
        for role in STAFF_ROLES.get(login, ()):
            db.session.add(StaffRole(user_id=user.id, role=role))
        for number, admin, measures in memberships:
            enterprise = by_number[number]
            db.session.add(Membership(user_id=user.id, enterprise_id=enterprise.id, is_local_admin=admin))
            # The demo users' own addresses are known to work: no code is asked for them.
            addresses.confirm_without_code(enterprise.id, email)
            for measure in measures:
                db.session.add(MeasureRight(user_id=user.id, enterprise_id=enterprise.id, measure=measure))
    hired = {nn: start for _number, nn, start, _end in RSZ}
    for nn, need, years, package, status, when in VDAB:
        # The package (seed 004) from the hiring, for the 5 years it holds at most.
        db.session.add(VdabRecord(national_number=nn, need=need, need_years=years, package=package,
                                  package_start=hired.get(nn, when) if package else None,
                                  handicap_status=status, status_date=when))
    for number, nn, start, end in RSZ:
        db.session.add(RszEmployment(enterprise_number=number, national_number=nn, start=start, end=end))
    for number, nn, start, end in ONDERWIJS:
        db.session.add(OnderwijsEmployment(enterprise_number=number, national_number=nn, start=start, end=end))
    for code, name, city in SERVICE_PROVIDERS:
        db.session.add(ServiceProvider(code=code, name=name, city=city))
    db.session.commit()


def logins() -> list[tuple[str, str]]:
    """(login, description) for the README and `make run`'s banner."""
    described = []
    for login, name, _email, staff, memberships in USERS:
        if staff:
            roles = ", ".join(ROLES[role].lower() for role in STAFF_ROLES.get(login, ()))
            described.append((login, f"{name}, medewerker Departement WSE: {roles}"))
            continue
        parts = []
        for number, admin, measures in memberships:
            enterprise = next(e for e in ENTERPRISES if e[0] == number)
            rights = ", ".join(measures) or "geen rechten"
            parts.append(f"{enterprise[1]} ({rights}{', lokale beheerder' if admin else ''})")
        described.append((login, f"{name}: " + "; ".join(parts)))
    return described
