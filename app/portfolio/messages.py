"""The words for what can be wrong in a portfolio CSV, in both languages.

`app.domain.portfolio_csv` says *what* is wrong with a code (`Problem.code`); this module words
it. Plain dictionaries, no Flask: the import preview and the `exitcoach portfolio` commands say
the same thing the same way (as app/domain/planfile.py does for plan files). The field names are
here too, because a problem can name a field ("two columns are read as Annual revenue").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from app.domain import numbers
from app.domain.portfolio_csv import RANGES, ParsedFile, Problem

FIELD_LABELS = {
    "en": {
        "client": "Client",
        "annual_revenue": "Annual revenue",
        "gross_margin_pct": "Gross margin %",
        "hours_per_week": "Hours per week",
        "hourly_cost": "Hourly cost",
        "other_annual_costs": "Other annual costs",
        "payment_days_late": "Days paid late",
        "strain": "Strain (1–5)",
        "value": "Value (1–5)",
        "potential": "Potential (1–5)",
    },
    "nl": {
        "client": "Klant",
        "annual_revenue": "Jaaromzet",
        "gross_margin_pct": "Brutomarge %",
        "hours_per_week": "Uren per week",
        "hourly_cost": "Uurkosten",
        "other_annual_costs": "Overige kosten per jaar",
        "payment_days_late": "Dagen te laat betaald",
        "strain": "Belasting (1–5)",
        "value": "Waarde (1–5)",
        "potential": "Potentieel (1–5)",
    },
}

# What each field holds, for the explanation of the columns on the upload page.
FIELD_HELP = {
    "en": {
        "client": "the client's name (required)",
        "annual_revenue": "revenue of last year, in euros",
        "gross_margin_pct": "gross margin as a percentage of the revenue",
        "hours_per_week": "hours your team spends on the client in an average week",
        "hourly_cost": "what an hour of that work costs you, in euros",
        "other_annual_costs": "other costs of serving the client per year, in euros",
        "payment_days_late": "how many days late the client pays on average",
        "strain": "how much the client strains your team, 1 (hardly) to 5 (very)",
        "value": "what the client is worth beyond the money (name, network, learning), 1 to 5",
        "potential": "room to grow with this client, 1 (none) to 5 (a lot)",
    },
    "nl": {
        "client": "de naam van de klant (verplicht)",
        "annual_revenue": "de omzet van vorig jaar, in euro",
        "gross_margin_pct": "de brutomarge als percentage van de omzet",
        "hours_per_week": "de uren die je team in een gemiddelde week aan de klant besteedt",
        "hourly_cost": "wat een uur van dat werk je kost, in euro",
        "other_annual_costs": "andere kosten om de klant te bedienen, per jaar, in euro",
        "payment_days_late": "hoeveel dagen de klant gemiddeld te laat betaalt",
        "strain": "hoe zwaar de klant je team belast, 1 (nauwelijks) tot 5 (erg)",
        "value": "wat de klant waard is naast het geld (naam, netwerk, leren), 1 tot 5",
        "potential": "ruimte om met deze klant te groeien, 1 (geen) tot 5 (veel)",
    },
}

# {max}: a limit; {field}: a field's name; {low}/{high}: a range; {first}: a line number.
PROBLEMS = {
    "en": {
        "too_big": (
            "The file is larger than {max} MB. Leave out the columns the portfolio does not "
            "use, or import the clients in parts."
        ),
        "not_text": (
            "This is not a text file. Save the sheet as CSV (separated by commas or "
            "semicolons) and choose that file."
        ),
        "empty": "The file is empty.",
        "not_csv": (
            "The file cannot be read as CSV: a cell is far too long or a quote is not closed."
        ),
        "too_many_columns": (
            "The file has more than {max} columns, far more than a client list needs. Check "
            "that it is the right file, or leave columns out."
        ),
        "unknown_column": "Column not recognised: it is left out.",
        "left_out": "Left out, as chosen.",
        "no_client_column": (
            "No column with the client's name was found: name it “client” (or “klant”)."
        ),
        "column_twice": "Two columns are read as “{field}”: keep one of them.",
        "no_rows": "The file has a header row but no clients below it.",
        "too_many_rows": "The file has more than {max} clients: import it in parts.",
        "extra_cells": (
            "This row has more cells than the header row has columns. Does a name contain the "
            "separator? Then put that name in quotes."
        ),
        "no_name": "The client's name is empty.",
        "name_too_long": "The name is longer than {max} characters.",
        "scale": "Must be a whole number from 1 to 5.",
        "number": "Not a number.",
        "negative": "Must not be negative.",
        "range": "Must be from {low} to {high}.",
        "duplicate": "This client is in the file twice (first on line {first}): left out.",
    },
    "nl": {
        "too_big": (
            "Het bestand is groter dan {max} MB. Laat de kolommen weg die het klantenbestand niet "
            "gebruikt, of importeer de klanten in delen."
        ),
        "not_text": (
            "Dit is geen tekstbestand. Sla het werkblad op als CSV (gescheiden door komma's of "
            "puntkomma's) en kies dat bestand."
        ),
        "empty": "Het bestand is leeg.",
        "not_csv": (
            "Het bestand is niet als CSV te lezen: een cel is veel te lang of een "
            "aanhalingsteken wordt niet gesloten."
        ),
        "too_many_columns": (
            "Het bestand heeft meer dan {max} kolommen, veel meer dan een klantenlijst nodig "
            "heeft. Kijk of het het goede bestand is, of laat kolommen weg."
        ),
        "unknown_column": "Kolom niet herkend: die wordt weggelaten.",
        "left_out": "Weggelaten, zoals gekozen.",
        "no_client_column": (
            "Er is geen kolom met de naam van de klant gevonden: noem die “klant” (of “client”)."
        ),
        "column_twice": "Twee kolommen worden gelezen als “{field}”: houd er één over.",
        "no_rows": "Het bestand heeft een kopregel, maar geen klanten daaronder.",
        "too_many_rows": "Het bestand heeft meer dan {max} klanten: importeer het in delen.",
        "extra_cells": (
            "Deze regel heeft meer cellen dan de kopregel kolommen heeft. Staat het "
            "scheidingsteken in een naam? Zet die naam dan tussen aanhalingstekens."
        ),
        "no_name": "De naam van de klant is leeg.",
        "name_too_long": "De naam is langer dan {max} tekens.",
        "scale": "Moet een heel getal van 1 tot en met 5 zijn.",
        "number": "Geen getal.",
        "negative": "Mag niet negatief zijn.",
        "range": "Moet van {low} tot en met {high} zijn.",
        "duplicate": (
            "Deze klant staat twee keer in het bestand (eerst op regel {first}): weggelaten."
        ),
    },
}

# The codes whose `value` is what was found in the cell (for the others it is a limit or a line).
FOUND = frozenset({"scale", "number", "negative", "range"})
# Line and column, as the command line prefixes a problem.
WHERE = {
    "en": {"line": "line {line}", "column": "column “{column}”", "found": "found “{value}”"},
    "nl": {"line": "regel {line}", "column": "kolom “{column}”", "found": "gevonden: “{value}”"},
}


def _lang(lang: str | None) -> str:
    return lang if lang in PROBLEMS else "en"


def field_label(name: str, lang: str) -> str:
    """A field's name as the interface shows it ("Jaaromzet", "Annual revenue")."""
    return FIELD_LABELS[_lang(lang)].get(name, name)


def field_help(name: str, lang: str) -> str:
    return FIELD_HELP[_lang(lang)][name]


def cell_message(code: str, name: str | None, lang: str) -> str:
    """What is wrong with one value ("Must not be negative."), the same next to a form field
    as in the import's report."""
    lang = _lang(lang)
    low, high = RANGES.get(name or "", (Decimal(0), Decimal(0)))
    return PROBLEMS[lang][code].format(
        low=numbers.number(low, lang, digits=0),
        high=numbers.number(high, lang, digits=0),
        max="",
        field="",
        first="",
    )


def what(problem: Problem, lang: str, field: str | None = None) -> str:
    """What is wrong, in words; `field` is the field of the problem's column, when known."""
    lang = _lang(lang)
    if problem.code in FOUND:
        return cell_message(problem.code, field, lang)
    value = problem.value or ""
    return PROBLEMS[lang][problem.code].format(
        max=value,
        first=value,
        field=field_label(problem.column or "", lang),
        low="",
        high="",
    )


def found(problem: Problem) -> str | None:
    """The value found in the cell, for the problems about a cell's value."""
    return problem.value if problem.code in FOUND else None


@dataclass(frozen=True)
class ProblemText:
    """One problem as the report shows it: line, column, what is wrong, the value found."""

    code: str
    line: int | None
    column: str | None
    what: str
    found: str | None
    blocking: bool

    def sentence(self, lang: str) -> str:
        """The problem in one line: "line 4, column “Jaaromzet”: Not a number. (found “x”)"."""
        words = WHERE[_lang(lang)]
        where = []
        if self.line is not None:
            where.append(words["line"].format(line=self.line))
        if self.column:
            where.append(words["column"].format(column=self.column))
        text = f"{', '.join(where)}: {self.what}" if where else self.what
        if self.found is not None:
            text += f" ({words['found'].format(value=self.found)})"
        return text


def _field_of(parsed: ParsedFile, column: str | None) -> str | None:
    if column is None or column not in parsed.headers:
        return None
    index = parsed.headers.index(column)
    return parsed.mapping[index] if index < len(parsed.mapping) else None


def _detected_of(parsed: ParsedFile, column: str | None) -> str | None:
    if column is None or column not in parsed.headers:
        return None
    index = parsed.headers.index(column)
    return parsed.detected[index] if index < len(parsed.detected) else None


def problem_texts(parsed: ParsedFile, lang: str) -> list[ProblemText]:
    """Every problem of a parsed file in words, in the order found (file problems first)."""
    texts = []
    ordered: Iterable[Problem] = sorted(
        parsed.problems, key=lambda p: (p.row is not None, p.row or 0)
    )
    for problem in ordered:
        field = _field_of(parsed, problem.column)
        if problem.code == "unknown_column" and _detected_of(parsed, problem.column):
            # The header named a field, and the user chose to leave the column out.
            problem = Problem("left_out", problem.row, problem.column, blocking=False)
        # "column_twice" names the field itself, not a header.
        column = None if problem.code == "column_twice" else problem.column
        texts.append(
            ProblemText(
                code=problem.code,
                line=problem.row,
                column=column,
                what=what(problem, lang, field if problem.code != "column_twice" else None),
                found=found(problem),
                blocking=problem.blocking,
            )
        )
    return texts
