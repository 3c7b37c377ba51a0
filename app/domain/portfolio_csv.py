"""The portfolio CSV (../shared/PRODUCT.md, "Portfolio CSV"): reading what Excel and
accounting packages export, and writing it back the same way.

Reading never raises on what is in a file: every problem becomes a `Problem` with the row,
the column and a code (the view or the CLI words it in the user's language), and the rows
that are fine are kept. Only valid rows are ever handed on to be stored.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from app.domain.portfolio import FIELDS, NUMBERS, SCALES, ClientRow, name_key

MAX_BYTES = 5 * 1024 * 1024  # a client list of 20,000 rows is far below this
MAX_COLUMNS = 100
MAX_ROWS = 20_000
MAX_NAME = 200
SEPARATORS = (",", ";", "\t")

# Headers per field: the contract's English and Dutch names (compared without case, accents,
# spaces or punctuation, so "Jaaromzet", "jaar omzet" and "JAAROMZET" are one header).
HEADERS: dict[str, tuple[str, str]] = {
    "client": ("client", "klant"),
    "annual_revenue": ("annual_revenue", "jaaromzet"),
    "gross_margin_pct": ("gross_margin_pct", "brutomarge_pct"),
    "hours_per_week": ("hours_per_week", "uren_per_week"),
    "hourly_cost": ("hourly_cost", "uurkosten"),
    "other_annual_costs": ("other_annual_costs", "overige_kosten"),
    "payment_days_late": ("payment_days_late", "dagen_te_laat"),
    "strain": ("strain", "belasting"),
    "value": ("value", "waarde"),
    "potential": ("potential", "potentieel"),
}
# The range a number must be in (inclusive); anything else is a typing or export error.
RANGES: dict[str, tuple[Decimal, Decimal]] = {
    "annual_revenue": (Decimal(0), Decimal("1e12")),
    "gross_margin_pct": (Decimal(-100), Decimal(100)),
    "hours_per_week": (Decimal(0), Decimal(168)),
    "hourly_cost": (Decimal(0), Decimal(100_000)),
    "other_annual_costs": (Decimal(0), Decimal("1e12")),
    "payment_days_late": (Decimal(0), Decimal(3650)),
}
# A leading character that makes a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _fold(text: str) -> str:
    """A header without case, accents and anything that is not a letter or digit."""
    plain = (
        unicodedata.normalize("NFKD", text.replace("%", "pct")).encode("ascii", "ignore").decode()
    )
    return re.sub(r"[^a-z0-9]", "", plain.casefold())


# Other headers that name a field beyond doubt, as accounting packages write them.
ALIASES: dict[str, tuple[str, ...]] = {
    "client": ("name", "naam", "klantnaam", "client_name", "customer"),
    "annual_revenue": ("revenue", "omzet"),
}
_BY_FOLDED = {
    _fold(name): key for key, names in HEADERS.items() for name in (*names, *ALIASES.get(key, ()))
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file: `row` is the line in the file (1 = the header row, None
    for the file as a whole), `column` the header as written; `code` says what, `value` what
    was found."""

    code: str
    row: int | None = None
    column: str | None = None
    value: str | None = None
    blocking: bool = True  # False: reported only (an unknown column is left out, not fatal)


@dataclass(frozen=True)
class Dialect:
    encoding: str  # "utf-8", "utf-8-sig" or "cp1252"
    separator: str
    decimal: str  # "." or ","


@dataclass(frozen=True)
class ParsedRow:
    line: int  # the line in the file, the header being line 1
    row: ClientRow
    cells: dict[str, str]  # the text of each mapped field, as found


@dataclass
class ParsedFile:
    """What a file holds, as understood: its dialect, its columns, the valid rows, problems."""

    dialect: Dialect | None = None
    headers: list[str] = field(default_factory=list)
    mapping: list[str | None] = field(default_factory=list)  # per column: field or None
    detected: list[str | None] = field(default_factory=list)  # what the headers said
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    total_rows: int = 0  # data rows in the file, valid or not

    @property
    def fatal(self) -> bool:
        """The file as a whole cannot be read: nothing can be imported from it."""
        return any(p.blocking and p.row is None for p in self.problems)

    @property
    def row_problems(self) -> list[Problem]:
        return [p for p in self.problems if p.row is not None]


def decode(data: bytes) -> tuple[str, str] | None:
    """The text of the file and its encoding: UTF-8 (with or without BOM), else Windows-1252.

    None for binary data (a NUL byte, or bytes that are text in neither encoding).
    """
    if b"\x00" in data[:65536]:
        return None
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    # Control characters other than line ends and tabs mean this is not a text file.
    if re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", text[:65536]):
        return None
    return text, "cp1252"


def _separator(text: str) -> str:
    """The separator that splits the header row into the most columns (ties: ; then tab, ,)."""
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    counts = {sep: len(next(csv.reader([first], delimiter=sep), [])) for sep in SEPARATORS}
    return max((";", "\t", ","), key=lambda sep: counts[sep])


_COMMA_DECIMAL = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+),\d+$")
_POINT_DECIMAL = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)\.\d+$")
_THOUSANDS_POINT = re.compile(r"^-?\d{1,3}(\.\d{3})+$")  # 1.250.000 (no decimals)
_THOUSANDS_COMMA = re.compile(r"^-?\d{1,3}(,\d{3})+$")


def _decimal_mark(cells: Iterable[str], separator: str) -> str:
    """ "," when the numbers are written with a decimal comma, else "."."""
    comma = point = 0
    for cell in cells:
        text = _number_text(cell)
        if _COMMA_DECIMAL.match(text) or _THOUSANDS_POINT.match(text):
            comma += 1
        elif _POINT_DECIMAL.match(text) or _THOUSANDS_COMMA.match(text):
            point += 1
    if comma == point:
        return "," if separator == ";" else "."
    return "," if comma > point else "."


def _number_text(cell: str) -> str:
    """A cell without what spreadsheets add around a number: spaces, €, %."""
    return re.sub(r"[\s\u00a0\u202f€%]", "", cell).replace("EUR", "")


def parse_number(cell: str, decimal: str) -> Decimal | None:
    """A number as typed with the given decimal mark; None when it is not a number."""
    text = _number_text(cell)
    if not text:
        return None
    thousands = "." if decimal == "," else ","
    if thousands in text and decimal in text and text.index(thousands) > text.index(decimal):
        return None
    if text.startswith("(") and text.endswith(")"):  # accounting notation for a negative
        text = "-" + text[1:-1]
    whole = text.split(decimal)[0]
    if thousands in whole and not re.fullmatch(rf"-?\d{{1,3}}(\{thousands}\d{{3}})+", whole):
        return None  # "1,2,3" is not a number with thousands separators
    text = text.replace(thousands, "").replace(decimal, ".")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above only lets numbers through
        return None


def detect_mapping(headers: Sequence[str]) -> list[str | None]:
    """Per column the field its header names (English or Dutch), None when unknown; a field
    named twice counts only the first time."""
    seen: set[str] = set()
    mapping: list[str | None] = []
    for header in headers:
        key = _BY_FOLDED.get(_fold(header))
        mapping.append(key if key and key not in seen else None)
        if key:
            seen.add(key)
    return mapping


def _unescape(text: str) -> str:
    """Undo the export's guard against formulas: "'=…" is read back as "=…"."""
    if text.startswith("'") and text[1:2] and text[1] in FORMULA_START:
        return text[1:]
    return text


def cell_value(name: str, cell: str, decimal: str) -> tuple[object, str | None]:
    """A field's value from its cell, or the code of what is wrong with it (the same rule
    for a cell of a file and for a value typed in the clients table)."""
    if name in SCALES:
        number = parse_number(cell, decimal)
        if number is None or number != number.to_integral_value() or not 1 <= number <= 5:
            return None, "scale"
        return int(number), None
    number = parse_number(cell, decimal)
    if number is None:
        return None, "number"
    low, high = RANGES[name]
    if number < low:
        return None, "negative" if low == 0 else "range"
    if number > high:
        return None, "range"
    return number, None


def parse(data: bytes, mapping: Sequence[str | None] | None = None) -> ParsedFile:
    """Read a portfolio CSV. `mapping` overrides what the headers say (one entry per column:
    a field or None to leave the column out)."""
    result = ParsedFile()
    if len(data) > MAX_BYTES:
        result.problems.append(Problem("too_big", value=str(MAX_BYTES // (1024 * 1024))))
        return result
    decoded = decode(data)
    if decoded is None:
        result.problems.append(Problem("not_text"))
        return result
    text, encoding = decoded
    text = text.lstrip("\ufeff")
    if not text.strip():
        result.problems.append(Problem("empty"))
        return result
    separator = _separator(text)
    try:
        table = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
    except csv.Error:
        result.problems.append(Problem("not_csv"))
        return result
    headers = [h.strip() for h in table[0]]
    if len(headers) > MAX_COLUMNS:
        result.problems.append(Problem("too_many_columns", value=str(MAX_COLUMNS)))
        return result
    body = [
        (line, cells)
        for line, cells in enumerate(table[1:], start=2)
        if any(c.strip() for c in cells)
    ]
    result.headers = headers
    result.detected = detect_mapping(headers)
    chosen = list(mapping) if mapping is not None else list(result.detected)
    chosen = (chosen + [None] * len(headers))[: len(headers)]
    result.mapping = [m if m in FIELDS else None for m in chosen]
    numeric = [
        cells[i]
        for _, cells in body[:500]
        for i, name in enumerate(result.mapping)
        if name in NUMBERS and i < len(cells)
    ]
    result.dialect = Dialect(encoding, separator, _decimal_mark(numeric, separator))
    for i, header in enumerate(headers):
        if result.mapping[i] is None:
            result.problems.append(
                Problem("unknown_column", column=header or f"#{i + 1}", blocking=False)
            )
    named = [m for m in result.mapping if m]
    if "client" not in named:
        result.problems.append(Problem("no_client_column"))
    elif len(named) != len(set(named)):
        twice = next(m for m in named if named.count(m) > 1)
        result.problems.append(Problem("column_twice", column=twice))
    if not body:
        result.problems.append(Problem("no_rows"))
    if len(body) > MAX_ROWS:
        result.problems.append(Problem("too_many_rows", value=str(MAX_ROWS)))
    result.total_rows = len(body)
    if result.fatal:
        return result
    _read_rows(result, body)
    return result


def _read_rows(result: ParsedFile, body: Sequence[tuple[int, list[str]]]) -> None:
    decimal = result.dialect.decimal if result.dialect else "."
    columns = {name: i for i, name in enumerate(result.mapping) if name}
    first_line: dict[str, int] = {}
    for line, cells in body:
        values: dict[str, object] = {}
        texts: dict[str, str] = {}
        problems: list[Problem] = []
        if len(cells) > len(result.headers):
            problems.append(Problem("extra_cells", line))
        for name, index in columns.items():
            cell = cells[index].strip() if index < len(cells) else ""
            texts[name] = cell
            header = result.headers[index]
            if name == "client":
                cell = _unescape(" ".join(cell.split()))
                if not cell:
                    problems.append(Problem("no_name", line, header))
                elif len(cell) > MAX_NAME:
                    problems.append(Problem("name_too_long", line, header, str(MAX_NAME)))
                values[name] = cell
                continue
            if not cell:
                continue
            value, code = cell_value(name, cell, decimal)
            if code:
                problems.append(Problem(code, line, header, cell))
            else:
                values[name] = value
        name = str(values.get("client") or "")
        if name and not problems:
            key = name_key(name)
            if key in first_line:
                problems.append(
                    Problem(
                        "duplicate", line, result.headers[columns["client"]], str(first_line[key])
                    )
                )
            else:
                first_line[key] = line
        result.problems.extend(problems)
        if not problems:
            result.rows.append(ParsedRow(line, ClientRow(**values), texts))  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Writing


@dataclass(frozen=True)
class ExportDialect:
    """How a file is written: English (comma, decimal point) or Dutch (semicolon, decimal comma,
    with a BOM so Excel opens it as UTF-8)."""

    language: str
    separator: str
    decimal: str
    bom: bool


EXPORT_DIALECTS = {
    "en": ExportDialect("en", ",", ".", False),
    "nl": ExportDialect("nl", ";", ",", True),
}


def guard(text: str) -> str:
    """A text cell that no spreadsheet will run as a formula: "=HYPERLINK(…)" gets a "'"."""
    return "'" + text if text.startswith(FORMULA_START) else text


def format_number(value: Decimal | int | None, decimal: str) -> str:
    """A number as the file writes it: no thousands separator, no trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", decimal)


def write(rows: Iterable[ClientRow], language: str = "en") -> bytes:
    """The rows as a portfolio CSV in the user's language; `parse` reads it back identical."""
    dialect = EXPORT_DIALECTS.get(language, EXPORT_DIALECTS["en"])
    column = 1 if dialect.language == "nl" else 0
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=dialect.separator, lineterminator="\r\n")
    writer.writerow([HEADERS[name][column] for name in FIELDS])
    for row in rows:
        writer.writerow(
            [guard(row.client)]
            + [format_number(getattr(row, name), dialect.decimal) for name in FIELDS[1:]]
        )
    return (("\ufeff" if dialect.bom else "") + out.getvalue()).encode("utf-8")
