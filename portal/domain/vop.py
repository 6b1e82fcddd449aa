"""Vlaamse ondersteuningspremie (VOP): the rules of an application, as pure functions.

Sources: seed 000_ad5896a634baea1c.txt (how to apply), seed 001_b28234096fe74925.txt (conditions,
non-cumulation, increase, extension, self-employed), seed 002_d614cd7cf29eebab.txt (documents).
No Flask, no database: today's date is always passed in.
"""

from dataclasses import dataclass
from datetime import date

from portal.domain.quarters import Quarter, anniversary, quarter_of

BASIS, VERHOGING, VERLENGING = "basis", "verhoging", "verlenging"
KINDS = {
    BASIS: "Basisaanvraag",
    VERHOGING: "Verhoging",
    VERLENGING: "Verlenging",
}

# For whom a self-employed person applies (seed 001: "voor zichzelf of voor een werknemer in dienst").
FOR_SELF, FOR_EMPLOYEE = "zichzelf", "werknemer"


@dataclass(frozen=True)
class Condition:
    """A plain yes/no question; `reason` is shown when the answer is "no"."""

    code: str
    question: str
    reason: str
    for_self: bool = True  # also asked when a self-employed person applies for themselves


CONDITIONS: tuple[Condition, ...] = (
    Condition(
        "loon_sociale_zekerheid",
        "Betaalt u voor deze werknemer loon en sociale zekerheid?",
        "Een VOP kan enkel voor een werknemer voor wie u loon en sociale zekerheid betaalt.",
        for_self=False,
    ),
    Condition(
        "domicilie",
        "Woont de persoon voor wie u de VOP aanvraagt in Vlaanderen of Brussel (domicilieadres)?",
        "Een VOP kan enkel voor iemand met een domicilieadres in Vlaanderen of Brussel.",
    ),
    Condition(
        "arbeidshandicap",
        "Is de arbeidshandicap erkend door VDAB, of is de erkenning bij VDAB aangevraagd?",
        "Een VOP vraagt een arbeidshandicap die door VDAB erkend is. Vraag eerst de erkenning aan "
        "bij VDAB: de erkenning aangevraagd hebben volstaat om de VOP aan te vragen.",
    ),
    Condition(
        "in_dienst",
        "Is de werknemer al aangeworven (in dienst)?",
        "U kunt pas een aanvraag doen vanaf het moment dat de werknemer is aangeworven. Dien uw "
        "aanvraag in vanaf de dag van indiensttreding.",
        for_self=False,
    ),
)

CONDITIONS_BY_CODE = {condition.code: condition for condition in CONDITIONS}


def conditions_for(for_self: bool) -> list[Condition]:
    """The conditions asked: a self-employed person applying for themselves pays no wage to
    themselves and is not hired, so only domicile and arbeidshandicap are asked."""
    return [condition for condition in CONDITIONS if condition.for_self or not for_self]


def failed_conditions(answers: dict[str, bool], for_self: bool = False) -> list[Condition]:
    """Every asked condition not answered "yes" (seed 001; seed 000 for the requested recognition)."""
    return [condition for condition in conditions_for(for_self) if answers.get(condition.code) is not True]


def conditions_reason(answers: dict[str, bool], for_self: bool = False) -> str | None:
    """The reason to show when a condition fails, None when all are met."""
    failed = failed_conditions(answers, for_self)
    return " ".join(condition.reason for condition in failed) or None


def hiring_reason(hired_on: date, today: date) -> str | None:
    """Seed 000/001: a base application only once the employee is hired (also for someone employed
    for years); an application before the hiring date is refused."""
    if hired_on > today:
        return (
            f"U kunt pas een aanvraag doen vanaf de indiensttreding van de werknemer "
            f"({hired_on:%d/%m/%Y}). Dien uw aanvraag vanaf die dag in."
        )
    return None


# Seed 001: "U mag geen werknemers ontslaan om ze te vervangen ... / om ze nadien opnieuw aan te werven".
DECLARATIONS: tuple[tuple[str, str], ...] = (
    ("geen_ontslag_vervanging",
     "Ik verklaar dat ik geen werknemers heb ontslagen om ze te vervangen door een werknemer met een "
     "arbeidshandicap die recht heeft op een VOP."),
    ("geen_ontslag_herindienstname",
     "Ik verklaar dat ik geen werknemers heb ontslagen om ze nadien opnieuw aan te werven om een VOP "
     "te verkrijgen."),
)
DISMISSAL_REASON = (
    "U mag geen werknemers ontslaan om ze te vervangen door een werknemer met een arbeidshandicap, of "
    "om ze nadien opnieuw aan te werven om een VOP te verkrijgen. Zonder deze verklaring kan de "
    "aanvraag niet verder."
)


def dismissal_reason(declared: dict[str, bool]) -> str | None:
    """Both declarations must be made (seed 001)."""
    if all(declared.get(code) is True for code, _text in DECLARATIONS):
        return None
    return DISMISSAL_REASON


@dataclass(frozen=True)
class NonCumulableMeasure:
    code: str
    label: str


# Seed 001: "De VOP voor dezelfde werknemer is niet cumuleerbaar met:" these eight.
NON_CUMULABLE: tuple[NonCumulableMeasure, ...] = (
    NonCumulableMeasure("lde_inschakeling",
                        "de vergoeding voor het inschakelingstraject van de doelgroepwerknemer in de lokale "
                        "diensteneconomie (artikel 25, decreet van 22 november 2013)"),
    NonCumulableMeasure("gesco",
                        "de premie voor gesubsidieerde contractuelen (besluit van de Vlaamse regering van "
                        "27 oktober 1993)"),
    NonCumulableMeasure("kb25",
                        "de tegemoetkoming van hoofdstuk III van het koninklijk besluit nr. 25 van 24 maart "
                        "1982 (niet-commerciële sector)"),
    NonCumulableMeasure("collectief_maatwerk",
                        "de loonpremie voor de doelgroepwerknemer in maatwerk bij collectieve inschakeling "
                        "(artikel 12, decreet van 12 juli 2013)"),
    NonCumulableMeasure("ocmw_art60",
                        "het loon van een tewerkstelling met toepassing van artikel 60, § 7, of artikel 61 "
                        "van de OCMW-wet van 8 juli 1976"),
    NonCumulableMeasure("invoegbedrijf",
                        "de loonpremie voor invoegwerknemers in een invoegbedrijf (artikel 11, besluit van "
                        "de Vlaamse Regering van 15 juli 2005)"),
    NonCumulableMeasure("beschutte_werkplaats",
                        "de subsidie van loon en sociale lasten voor werknemers in een beschutte werkplaats "
                        "(besluit van de Vlaamse regering van 19 december 1996)"),
    NonCumulableMeasure("sociale_werkplaats",
                        "de loonpremie voor een doelgroepwerknemer in een sociale werkplaats (artikel 18, "
                        "besluit van de Vlaamse Regering van 8 december 1998)"),
)

NON_CUMULABLE_BY_CODE = {measure.code: measure for measure in NON_CUMULABLE}


def cumulated_measures(answers: dict[str, bool]) -> list[NonCumulableMeasure]:
    """The measures answered "yes" (a missing answer is not a yes: the form requires each)."""
    return [measure for measure in NON_CUMULABLE if answers.get(measure.code) is True]


def cumulation_reason(answers: dict[str, bool]) -> str | None:
    """Any "yes" stops the application: the VOP is not cumulable with these for the same employee."""
    found = cumulated_measures(answers)
    if not found:
        return None
    listed = "; ".join(measure.label for measure in found)
    return (
        "De VOP is voor dezelfde werknemer niet cumuleerbaar met " + listed + ". "
        "Zolang de werknemer die steun krijgt, kunt u geen VOP aanvragen."
    )


ATTEST_LEEFBAARHEID = "attest_leefbaarheid"
AANSLAGBILJET = "aanslagbiljet"


def viability_document(self_employed_since: date, today: date) -> str:
    """Seed 001: the attest op leefbaarheid when self-employed for less than a year, the latest tax
    assessment (aanslagbiljet) otherwise."""
    return ATTEST_LEEFBAARHEID if today < anniversary(self_employed_since, 1) else AANSLAGBILJET


def premium_start(applied_on: date) -> tuple[Quarter, date]:
    """Seed 001: the VOP is paid from the quarter of application, not retroactively from the hiring
    date. Returns that quarter and its first day, for the receipt."""
    quarter = quarter_of(applied_on)
    return quarter, quarter.start
