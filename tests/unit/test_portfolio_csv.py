"""The portfolio CSV as accounting packages and Excel write it, and as we write it back."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import portfolio_csv as pc
from app.domain.portfolio import ClientRow

DATA = Path(__file__).resolve().parents[1] / "data"


def problems(parsed: pc.ParsedFile) -> list[tuple[str, int | None, str | None]]:
    return [(p.code, p.row, p.column) for p in parsed.problems]


def test_an_excel_file_with_dutch_settings_is_read_as_meant():
    parsed = pc.parse((DATA / "excel-nl-clients.csv").read_bytes())
    assert parsed.dialect == pc.Dialect("utf-8-sig", ";", ",")
    assert parsed.headers[0] == "Klant"  # the BOM is not part of the first header
    assert parsed.mapping == [
        "client",
        "annual_revenue",
        "gross_margin_pct",
        "hours_per_week",
        "hourly_cost",
        "other_annual_costs",
        "payment_days_late",
        "strain",
        "value",
        "potential",
        None,
    ]
    clients = {r.row.client: r.row for r in parsed.rows}
    assert clients["Van Dijk Installatietechniek"].annual_revenue == Decimal("312450.75")
    assert clients["Van Dijk Installatietechniek"].hours_per_week == Decimal("22.5")
    assert clients["Bakkerij Jansen"].annual_revenue == Decimal("125000")
    assert clients["Bakkerij Jansen"].other_annual_costs == Decimal("1200")
    assert clients["Café De Hoek"].other_annual_costs is None
    assert clients["Bouwbedrijf Smit, Zn."].potential == 4
    assert len(parsed.rows) == 8 and parsed.total_rows == 10
    assert problems(parsed) == [
        ("unknown_column", None, "Opmerkingen"),
        ("no_name", 8, "Klant"),
        ("negative", 9, "Jaaromzet"),
    ]
    assert not parsed.fatal


def test_an_english_comma_file_with_quoted_names():
    parsed = pc.parse((DATA / "english-clients.csv").read_bytes())
    assert parsed.dialect == pc.Dialect("utf-8", ",", ".")
    assert [r.row.client for r in parsed.rows] == [
        "Northwind Retail Ltd",
        "Harbour & Sons, Ltd",
        "Blue Fern Studio",
        "Atlas Freight",
    ]
    assert parsed.rows[1].row.annual_revenue == Decimal("58200.50")
    assert parsed.rows[3].row.gross_margin_pct == Decimal("12.5")
    assert parsed.problems == []


def test_windows_1252_and_tabs():
    data = "Klant\tJaaromzet\tBrutomarge_pct\nCafé Noord\t1.250,50\t40\n".encode("cp1252")
    parsed = pc.parse(data)
    assert parsed.dialect == pc.Dialect("cp1252", "\t", ",")
    assert parsed.rows[0].row == ClientRow("Café Noord", Decimal("1250.50"), Decimal(40))


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("CLIENT", "client"),
        ("klant", "client"),
        ("Naam", "client"),
        ("Jaar omzet", "annual_revenue"),
        ("Brutomarge %", "gross_margin_pct"),
        ("gross margin pct", "gross_margin_pct"),
        ("Uren/week", None),
        ("Dagen te laat", "payment_days_late"),
        ("Potentiëel", "potential"),
        ("Notes", None),
    ],
)
def test_headers_are_matched_without_case_accents_or_spacing(header, field):
    assert pc.detect_mapping([header]) == [field]


def test_the_user_can_override_what_the_headers_say():
    data = b"Naam;Omzet 2026;Opmerking\nAcme;1000;x\n"
    assert pc.parse(data).mapping == ["client", None, None]
    parsed = pc.parse(data, mapping=["client", "annual_revenue", None])
    assert parsed.rows[0].row.annual_revenue == Decimal(1000)
    assert problems(parsed) == [("unknown_column", None, "Opmerking")]


@pytest.mark.parametrize(
    ("cell", "decimal", "number"),
    [
        ("1.234,56", ",", Decimal("1234.56")),
        ("1234,5", ",", Decimal("1234.5")),
        ("€ 1.250", ",", Decimal("1250")),
        ("1,234.56", ".", Decimal("1234.56")),
        ("12.5 %", ".", Decimal("12.5")),
        ("(300)", ".", Decimal("-300")),
        ("1,2,3", ".", None),
        ("twelve", ".", None),
        ("1.234,56", ".", None),
        ("", ".", None),
    ],
)
def test_numbers_as_spreadsheets_write_them(cell, decimal, number):
    assert pc.parse_number(cell, decimal) == number


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("Acme;abc;;", "number"),
        ("Acme;-5;;", "negative"),
        ("Acme;100;150;", "range"),
        ("Acme;100;;6", "scale"),
        ("Acme;100;;2,5", "scale"),
        (";100;;", "no_name"),
        ("A" * 201 + ";100;;", "name_too_long"),
        ("Acme;100;;;extra", "extra_cells"),
    ],
)
def test_a_bad_cell_is_reported_with_its_line_and_column(line, code):
    parsed = pc.parse(f"klant;jaaromzet;brutomarge_pct;belasting\nGood;10;;\n{line}\n".encode())
    assert [p.code for p in parsed.row_problems] == [code]
    assert parsed.row_problems[0].row == 3
    assert [r.row.client for r in parsed.rows] == ["Good"]


def test_a_name_twice_in_one_file_is_reported_on_the_second_line():
    parsed = pc.parse(b"client,annual_revenue\nAcme,1\n acme ,2\n")
    assert problems(parsed) == [("duplicate", 3, "client")]
    assert parsed.row_problems[0].value == "2"  # the line it repeats
    assert [r.row.annual_revenue for r in parsed.rows] == [Decimal(1)]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_text"),
        (bytes(range(256)) * 10, "not_text"),
        (b"client,annual_revenue\r\n", "no_rows"),
        (b"revenue,margin\n1,2\n", "no_client_column"),
        ((",".join(f"c{i}" for i in range(10_000)) + "\n").encode(), "too_many_columns"),
        (b"client\n" + b"x" * (pc.MAX_BYTES + 1), "too_big"),
    ],
)
def test_a_file_that_cannot_be_read_says_why_and_gives_no_rows(data, code):
    parsed = pc.parse(data)
    assert code in [p.code for p in parsed.problems]
    assert parsed.fatal and parsed.rows == []


def test_the_export_guards_formula_cells_and_reads_them_back():
    rows = [ClientRow('=HYPERLINK("http://evil.example","Click")'), ClientRow("@SUM(A1)")]
    data = pc.write(rows, "en")
    assert b"'=HYPERLINK" in data and b"'@SUM" in data
    assert [r.row.client for r in pc.parse(data).rows] == [rows[0].client, rows[1].client]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_file_we_wrote_reads_back_to_the_same_rows_and_the_same_bytes(language):
    parsed = pc.parse((DATA / "excel-nl-clients.csv").read_bytes())
    first = pc.write([r.row for r in parsed.rows], language)
    again = pc.parse(first)
    assert [r.row for r in again.rows] == [r.row for r in parsed.rows]
    assert pc.write([r.row for r in again.rows], language) == first
    assert again.problems == []


def test_the_dutch_export_opens_in_excel_as_dutch():
    data = pc.write([ClientRow("Café", Decimal("1250.5"), Decimal(40), strain=2)], "nl")
    assert data.startswith("\ufeff".encode())
    assert data.decode("utf-8-sig").splitlines() == [
        "klant;jaaromzet;brutomarge_pct;uren_per_week;uurkosten;overige_kosten;dagen_te_laat;"
        "belasting;waarde;potentieel",
        "Café;1250,5;40;;;;;2;;",
    ]


names = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() and not s.strip().startswith("'"))
amounts = st.none() | st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
scales = st.none() | st.integers(1, 5)


@settings(max_examples=40 if os.environ.get("CI") == "true" else 150, deadline=None)
@given(
    st.lists(
        st.builds(
            ClientRow,
            client=names.map(lambda s: " ".join(s.split())),
            annual_revenue=amounts,
            hours_per_week=st.none() | st.decimals(0, 168, places=1, allow_nan=False),
            payment_days_late=st.none() | st.decimals(0, 365, places=0, allow_nan=False),
            strain=scales,
            potential=scales,
        ),
        min_size=1,
        max_size=8,
        unique_by=lambda r: r.client.casefold(),
    ),
    st.sampled_from(["nl", "en"]),
)
def test_any_portfolio_survives_the_round_trip(rows, language):
    from app.domain.portfolio import name_key

    if len({name_key(r.client) for r in rows}) < len(rows):
        return
    parsed = pc.parse(pc.write(rows, language))
    assert parsed.problems == []
    assert [r.row for r in parsed.rows] == rows
