"""Load reference data for the local source adapters (VDAB, RSZ employments and quarterly wage
declarations, Onderwijs), the recognised service providers and the dated parameters of the premium
calculation from a CSV
file (staff upload it in the back office). All or nothing: one bad line and nothing is saved, with
each problem in Dutch."""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from portal.domain.identifiers import InvalidIdentifier, parse_enterprise_number, parse_national_number
from portal.domain.premiums import PARAMETERS
from portal.domain.quarters import end_after_years
from portal.domain.wop import BASES, GUIDANCE, VALID_YEARS, Package
from portal.extensions import db
from portal.models import (OnderwijsEmployment, PremiumParameter, RszDeclaration, RszEmployment, ServiceProvider,
                           VdabRecord, WopPackage)

COLUMNS = {
    "vdab": ["rijksregisternummer", "behoefte", "jaren", "pakket", "arbeidshandicap", "datum"],
    "rsz": ["ondernemingsnummer", "rijksregisternummer", "begin", "einde"],
    "onderwijs": ["ondernemingsnummer", "rijksregisternummer", "begin", "einde"],
    "dienstverleners": ["code", "naam", "gemeente"],
    "pakketten": ["pakket", "doelgroep", "loonpremie", "begeleiding", "basis"],
    # RSZ quarterly wage declarations (DmfA): per employee and quarter, e.g. kwartaal 2026-K1.
    "dmfa": ["ondernemingsnummer", "rijksregisternummer", "kwartaal", "dagen", "uren", "loon"],
    "parameters": ["naam", "geldig_vanaf", "waarde", "bron"],
}
# Columns a file may add at the end: the start and end of VDAB's werkondersteuningspakket (seed 004).
OPTIONAL_COLUMNS = {"vdab": ["pakket_begin", "pakket_einde"]}
MODELS = {"vdab": VdabRecord, "rsz": RszEmployment, "onderwijs": OnderwijsEmployment,
          "dienstverleners": ServiceProvider, "pakketten": WopPackage, "dmfa": RszDeclaration,
          "parameters": PremiumParameter}
# The columns that identify a row: a loaded row with the same values is updated, not added.
KEYS = {"vdab": ("national_number",), "rsz": ("enterprise_number", "national_number", "start"),
        "onderwijs": ("enterprise_number", "national_number", "start"), "dienstverleners": ("code",),
        "pakketten": ("code",), "dmfa": ("enterprise_number", "national_number", "year", "quarter"),
        "parameters": ("name", "valid_from")}
NEEDS = {"loonpremie", "loonpremie_begeleiding", "geen"}
HANDICAP = {"", "erkend", "aangevraagd", "geweigerd"}


def package(code: str | None) -> Package | None:
    """A start package of the reference table (seed 004), or None for no or an unknown code."""
    row = db.session.get(WopPackage, code) if code else None
    return as_package(row) if row else None


def as_package(row: WopPackage) -> Package:
    return Package(row.code, row.target_group, row.percentage, row.guidance, row.basis)


class ReferenceError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _date(value: str, required: bool) -> date | None:
    value = value.strip()
    if not value:
        if required:
            raise ValueError("datum ontbreekt")
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"'{value}' is geen datum (jjjj-mm-dd of dd/mm/jjjj)")


def parse(source: str, content: bytes) -> list[dict]:
    """The rows of the file, checked; ReferenceError lists every problem with its line number.

    Any file at all gets an answer in Dutch naming a line, never a crash: empty, binary, not
    UTF-8, no separator, too few or too many columns.
    """
    text = _decode(content)
    expected = COLUMNS[source]
    first = text.splitlines()[0] if text.strip() else ""
    header = f"de eerste regel moet deze kolommen bevatten: {';'.join(expected)}."
    if not first.strip():
        raise ReferenceError([f"Regel 1: het bestand is leeg; {header}"])
    delimiter = _delimiter(first)
    if delimiter is None:
        raise ReferenceError([f"Regel 1: {header} Scheid de kolommen met ; of ,."])
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, restkey=EXTRA)
    try:
        found = [name.strip().lower() for name in (reader.fieldnames or [])]
        if found not in (expected, expected + OPTIONAL_COLUMNS.get(source, [])):
            raise ReferenceError([f"Regel 1: {header}"])
        reader.fieldnames = found
        return _rows(source, reader, found)
    except csv.Error:  # e.g. a field beyond csv's size limit; the reader counts the lines it finished
        raise ReferenceError([f"Regel {reader.line_num + 1}: deze regel is geen geldige CSV-regel."]) from None


EXTRA = "\0extra"  # DictReader's key for values beyond the header's columns


def _decode(content: bytes) -> str:
    """UTF-8 text without NUL characters (a sign of a binary or UTF-16 file), or the line that isn't."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        raise ReferenceError([f"Regel {line}: het bestand is geen UTF-8-tekst. Bewaar het als CSV UTF-8."]) from None
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        raise ReferenceError([f"Regel {line}: het bestand is geen tekst (CSV). Bewaar het als CSV UTF-8."])
    return text


def _delimiter(first_line: str) -> str | None:
    """`;` (what Excel in nl-BE writes) or `,`, whichever the header line uses; None for neither."""
    semicolons, commas = first_line.count(";"), first_line.count(",")
    if not semicolons and not commas:
        return None
    return ";" if semicolons >= commas else ","


def _rows(source: str, reader: csv.DictReader, expected: list[str]) -> list[dict]:
    """Every data line checked, each problem with its line number (the reader's, so a blank or
    multi-line record does not shift the numbers staff look up in their spreadsheet)."""
    rows, problems, seen = [], [], {}
    for raw in reader:
        number = reader.line_num
        if raw.get(EXTRA) or any(raw.get(column) is None for column in expected):
            found = sum(raw[column] is not None for column in expected) + len(raw.get(EXTRA) or [])
            problems.append(f"Regel {number}: {found} kolom(men) in plaats van {len(expected)}")
            continue
        raw = {column: raw[column].strip() for column in expected}
        try:
            row = _row(source, raw)
        except (ValueError, InvalidIdentifier) as problem:
            problems.append(f"Regel {number}: {problem}")
            continue
        key = tuple(row[name] for name in KEYS[source])
        if key in seen:
            problems.append(f"Regel {number}: staat al op regel {seen[key]}")
        else:
            seen[key] = number
            rows.append(row)
    if problems:
        raise ReferenceError(problems)
    return rows


def _text(raw: dict, column: str, maximum: int, required: bool = True) -> str | None:
    value = raw[column]
    if required and not value:
        raise ValueError(f"{column} ontbreekt")
    if len(value) > maximum:
        raise ValueError(f"{column} is langer dan {maximum} tekens")
    return value or None


def _years(value: str) -> int | None:
    """The number of years of the need: a whole number that fits the column."""
    if not value:
        return None
    if not (value.isascii() and value.isdigit()) or int(value) > 99:
        raise ValueError(f"jaren moet een geheel getal van 0 tot 99 zijn, niet '{value}'")
    return int(value)


QUARTER = re.compile(r"^(\d{4})\s*[-/ ]?\s*[Kk]?([1-4])$")


def _quarter(value: str) -> tuple[int, int]:
    found = QUARTER.match(value)
    if not found or not 1990 <= int(found.group(1)) <= 2100:
        raise ValueError(f"kwartaal moet de vorm 2026-K1 hebben, niet '{value}'")
    return int(found.group(1)), int(found.group(2))


def _amount(raw: dict, column: str, maximum: Decimal) -> Decimal:
    """A number of at most two decimals, with a decimal comma or point (no thousands separator)."""
    value = raw[column].replace(",", ".")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{column} moet een getal zijn (bijvoorbeeld 1234,56), niet '{raw[column]}'") from None
    if not number.is_finite() or number < 0 or number > maximum or number != number.quantize(Decimal("0.01")):
        raise ValueError(f"{column} moet een getal van 0 tot {maximum} met ten hoogste 2 decimalen zijn, "
                         f"niet '{raw[column]}'")
    return number


def _special_row(source: str, raw: dict) -> dict:
    if source == "parameters":
        if raw["naam"] not in PARAMETERS:
            raise ValueError(f"naam moet een van {', '.join(sorted(PARAMETERS))} zijn")
        return dict(name=raw["naam"], valid_from=_date(raw["geldig_vanaf"], True),
                    value=_amount(raw, "waarde", Decimal("999999")), source=_text(raw, "bron", 2000))
    year, quarter = _quarter(raw["kwartaal"])
    return dict(enterprise_number=parse_enterprise_number(raw["ondernemingsnummer"]),
                national_number=parse_national_number(raw["rijksregisternummer"]), year=year, quarter=quarter,
                days=_amount(raw, "dagen", Decimal("92")), hours=_amount(raw, "uren", Decimal("2208")),
                wage=_amount(raw, "loon", Decimal("9999999")))


def _row(source: str, raw: dict) -> dict:
    if source in ("dmfa", "parameters"):
        return _special_row(source, raw)
    if source == "dienstverleners":
        return dict(code=_text(raw, "code", 30), name=_text(raw, "naam", 200),
                    city=_text(raw, "gemeente", 100, required=False))
    if source == "pakketten":
        return _package(raw)
    national_number = parse_national_number(raw["rijksregisternummer"])
    if source == "vdab":
        if raw["behoefte"] not in NEEDS:
            raise ValueError(f"behoefte moet een van {', '.join(sorted(NEEDS))} zijn")
        if raw["arbeidshandicap"] not in HANDICAP:
            raise ValueError("arbeidshandicap moet erkend, aangevraagd, geweigerd of leeg zijn")
        code = _text(raw, "pakket", 10, required=False)
        if code and db.session.get(WopPackage, code) is None:
            raise ValueError(f"pakket '{code}' is geen werkondersteuningspakket (laad eerst de pakketten)")
        row = dict(national_number=national_number, need=raw["behoefte"], need_years=_years(raw["jaren"]),
                   package=code, handicap_status=raw["arbeidshandicap"] or None,
                   status_date=_date(raw["datum"], False))
        return {**row, **_package_period(raw)} if "pakket_begin" in raw else row
    return dict(enterprise_number=parse_enterprise_number(raw["ondernemingsnummer"]), national_number=national_number,
                start=_date(raw["begin"], True), end=_date(raw["einde"], False))


def _package(raw: dict) -> dict:
    """A start package (seed 004): its code, target group, wage-premium percentage (a Decimal from
    1 to 100, e.g. 60 or 45,5), guidance level and basis."""
    try:
        percentage = Decimal(raw["loonpremie"].replace(",", ".").rstrip("%").strip())
    except InvalidOperation:
        percentage = None
    if percentage is None or not percentage.is_finite() or not 0 < percentage <= 100:
        raise ValueError(f"loonpremie moet een percentage van 1 tot 100 zijn, niet '{raw['loonpremie']}'")
    if raw["begeleiding"].lower() not in GUIDANCE:
        raise ValueError(f"begeleiding moet een van {', '.join(GUIDANCE)} zijn")
    if raw["basis"].lower() not in BASES:
        raise ValueError("basis moet attesten of ICF zijn")
    return dict(code=_text(raw, "pakket", 10), target_group=_text(raw, "doelgroep", 100),
                percentage=percentage.quantize(Decimal("0.01")), guidance=raw["begeleiding"].lower(),
                basis=raw["basis"].lower())


def _package_period(raw: dict) -> dict:
    """The package's start and VDAB's end: the package holds at most 5 years (seed 004)."""
    start, end = _date(raw["pakket_begin"], False), _date(raw["pakket_einde"], False)
    if (start or end) and not raw["pakket"]:
        raise ValueError("pakket_begin en pakket_einde horen bij een pakket")
    if end and not start:
        raise ValueError("pakket_einde zonder pakket_begin")
    if start and end and end < start:
        raise ValueError("pakket_einde ligt voor pakket_begin")
    if start and end and end > end_after_years(start, VALID_YEARS):
        raise ValueError(f"een werkondersteuningspakket is maximaal {VALID_YEARS} jaar geldig: pakket_einde is "
                         f"ten laatste {end_after_years(start, VALID_YEARS):%d/%m/%Y}")
    return dict(package_start=start, package_end=end)


INITIAL_PARAMETERS = Path(__file__).with_name("premium_parameters.csv")


def load_initial_parameters() -> int:
    """The parameters the migration seeds (demo data and tests load them again after emptying tables)."""
    return load("parameters", INITIAL_PARAMETERS.read_bytes())


def load(source: str, content: bytes) -> int:
    """Insert or update the rows (VDAB by national number, employments by enterprise, person, start,
    service providers by code)."""
    rows = parse(source, content)
    model = MODELS[source]
    for row in rows:
        existing = db.session.scalar(db.select(model).filter_by(**{k: row[k] for k in KEYS[source]}))
        if existing is None:
            db.session.add(model(**row))
        else:
            for name, value in row.items():
                setattr(existing, name, value)
    db.session.commit()
    return len(rows)
