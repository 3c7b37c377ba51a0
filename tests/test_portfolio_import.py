"""Bringing the client base in: upload a CSV, see what was understood, confirm; and export it.

The stories of issue 12 point 1: an Excel-NL file with semicolons, decimal commas and a BOM, an
English comma file, a Windows-1252 file; a preview that stores nothing; a confirmation that
stores every valid row in one go; a re-import that updates; and every bad file refused with a
clear message and a 4xx.
"""

from __future__ import annotations

import pytest

from app.domain import portfolio_csv as csvfile
from tests.conftest import Actions, csrf_token
from tests.portfolio_helpers import (
    EXCEL_NL,
    chosen_mapping,
    confirm,
    import_file,
    preview_form,
    stored_clients,
    upload,
    words,
)

ENGLISH = (
    b"client,annual_revenue,gross_margin_pct,hours_per_week,hourly_cost,payment_days_late,"
    b"strain,value,potential\r\n"
    b"Northwind Retail,412000.50,27,14,62,3,2,4,3\r\n"
    b"Contoso Ltd,-5000,30,2,55,0,1,3,3\r\n"
    b"Fabrikam,lots,30,2,55,0,1,3,3\r\n"
    b"Tailspin Toys,88000,31,3,58,0,7,3,3\r\n"
    b"northwind retail,1000,10,1,50,0,1,1,1\r\n"
    b"Adventure Works,150000,22.5,6,60,10,3,3,4\r\n"
)


@pytest.fixture
def dutch(ann):
    ann.switch_language("nl", "/portfolio/import")
    return ann


def test_the_upload_page_explains_the_columns_and_offers_an_example(ann):
    page = words(ann.client.get("/portfolio/import"))
    assert "Import your client list" in page
    assert "Only the client's name is required" in page
    for header in ("annual_revenue", "jaaromzet", "brutomarge_pct", "dagen_te_laat"):
        assert f"<code>{header}</code>" in page
    assert "how much the client strains your team, 1 (hardly) to 5 (very)" in page
    assert 'href="/portfolio/example.csv"' in page
    example = ann.client.get("/portfolio/example.csv")
    assert example.headers["Content-Disposition"] == 'attachment; filename="portfolio-example.csv"'
    parsed = csvfile.parse(example.data)
    assert [r.row.client for r in parsed.rows][0] == "Bakkerij De Korenaar"
    assert parsed.problems == []


def test_the_upload_page_speaks_dutch(dutch):
    page = words(dutch.client.get("/portfolio/import"))
    assert "Je klantenlijst importeren" in page
    assert "de omzet van vorig jaar, in euro" in page
    example = dutch.client.get("/portfolio/example.csv")
    assert "klantenbestand-voorbeeld.csv" in example.headers["Content-Disposition"]
    assert example.data.startswith("\ufeffklant;jaaromzet;".encode())


def test_an_excel_file_is_previewed_as_understood_and_nothing_is_stored(app, dutch):
    response = upload(dutch, EXCEL_NL.read_bytes(), "klanten 2025.csv")
    assert response.status_code == 200
    page = words(response)
    assert "Voorbeeld van “klanten 2025.csv”" in page
    # The dialect in words.
    assert "puntkomma (;)" in page
    assert "komma (12,5)" in page
    assert "UTF-8 met BOM (zoals Excel het opslaat)" in page
    # Each column with what it was read as, changeable.
    mapping = chosen_mapping(page)
    assert mapping == {
        "map_0": "client",
        "map_1": "annual_revenue",
        "map_2": "gross_margin_pct",
        "map_3": "hours_per_week",
        "map_4": "hourly_cost",
        "map_5": "other_annual_costs",
        "map_6": "payment_days_late",
        "map_7": "strain",
        "map_8": "value",
        "map_9": "potential",
    }
    assert '<label for="map_2">Brutomarge %</label>' in page
    # The first rows, numbers in Dutch.
    assert "Bakkerij De Korenaar" in page
    assert "€ 184.000" in page
    assert "32,5%" in page
    assert "€ 58,50" in page
    assert "Bakker; Zonen" in page and "€ 1.250.000" in page
    assert "12 regels worden geïmporteerd: 12 nieuwe klanten" in page
    assert "Geen problemen gevonden." in page
    assert "12 klanten importeren" in page
    assert stored_clients(app) == []


def test_only_the_first_ten_rows_are_previewed(dutch):
    page = words(upload(dutch, EXCEL_NL.read_bytes()))
    assert "Zorggroep De Linde" in page  # the tenth client, on line 11
    assert "Schildersbedrijf Verf & Co" not in page
    assert "Makelaardij Bos" not in page


def test_confirming_stores_every_row_and_shows_the_portfolio(app, dutch):
    response = import_file(dutch, EXCEL_NL.read_bytes())
    assert response.status_code == 302
    assert response.headers["Location"] == "/portfolio?imported=1"
    page = words(dutch.client.get("/portfolio"))
    assert "12 klanten toegevoegd, 0 bijgewerkt." in page
    stored = stored_clients(app)
    assert [name for _, name, _ in stored][:4] == [
        "Bakkerij De Korenaar",
        "Van Dijk Installatietechniek",
        "Café de Zwaan",
        "Bakker; Zonen",
    ]
    assert stored[0][2] == {
        "annual_revenue": "184000",
        "gross_margin_pct": "32.5",
        "hours_per_week": "6",
        "hourly_cost": "58.50",
        "other_annual_costs": "2400",
        "payment_days_late": "4",
        "strain": 2,
        "value": 4,
        "potential": 4,
    }


def test_importing_the_same_names_again_updates_them(app, dutch):
    import_file(dutch, EXCEL_NL.read_bytes())
    changed = EXCEL_NL.read_bytes().replace(b"Garage Smit;15.400", b"GARAGE  smit;19.900")
    preview = upload(dutch, changed)
    text = words(preview)
    assert "0 nieuwe klanten, 12 klanten die je al hebt worden bijgewerkt (op naam)." in text
    assert "<td>bijwerken</td>" in text
    response = confirm(dutch, preview)
    assert response.status_code == 302
    assert "0 klanten toegevoegd, 12 bijgewerkt." in words(dutch.client.get("/portfolio"))
    stored = stored_clients(app)
    assert len(stored) == 12
    garage = next(figures for _, name, figures in stored if name == "GARAGE smit")
    assert garage["annual_revenue"] == "19900"


def test_an_english_file_reports_every_bad_row_and_stores_the_good_ones(app, ann):
    response = upload(ann, ENGLISH, "export.csv")
    assert response.status_code == 422  # the preview, with problems to look at
    page = words(response)
    assert "comma (,)" in page and "point (12.5)" in page and ">UTF-8<" in page
    assert "€412,000.50" in page
    assert "2 rows will be imported: 2 new clients" in page
    assert "4 rows are left out: see the problems below." in page
    problems = page.split('id="problems-heading"')[1]
    assert (
        '<td data-label="Line">3</td> <td>annual_revenue</td> <td>Must not be negative.</td>'
        in problems
    )
    assert "<code>-5000</code>" in problems
    assert "Not a number." in problems and "<code>lots</code>" in problems
    assert "Must be a whole number from 1 to 5." in problems and "<code>7</code>" in problems
    assert "This client is in the file twice (first on line 2): left out." in problems
    assert stored_clients(app) == []
    response = confirm(ann, upload(ann, ENGLISH, "export.csv"))
    assert response.status_code == 302
    message = words(ann.client.get("/portfolio"))
    assert "2 clients added, 0 updated, 4 rows left out (lines 3, 4, 5, 6)." in message
    assert [name for _, name, _ in stored_clients(app)] == ["Northwind Retail", "Adventure Works"]


def test_a_windows_1252_file_keeps_its_accents(app, ann):
    body = "klant;jaaromzet;brutomarge_pct\r\nCafé Noir;12500,50;40\r\nBrasserie Zoë;9800;35\r\n"
    response = upload(ann, body.encode("cp1252"))
    assert response.status_code == 200
    page = words(response)
    assert "Windows-1252 (older Excel and accounting software)" in page
    assert "Café Noir" in page and "€12,500.50" in page
    confirm(ann, response)
    assert [name for _, name, _ in stored_clients(app)] == ["Café Noir", "Brasserie Zoë"]


def test_a_misread_column_can_be_chosen_anew_before_anything_is_stored(app, ann):
    body = b"Naam,Omzet 2025,Marge\r\nNorthwind,412000,27\r\nContoso,98000,31\r\n"
    page = upload(ann, body)
    assert chosen_mapping(page) == {"map_0": "client", "map_1": "", "map_2": ""}
    assert "Column not recognised: it is left out." in words(page)
    # The user says what the two other columns are; the preview shows them as understood.
    again = ann.post(
        "/portfolio/import/preview",
        preview_form(page, map_1="annual_revenue", map_2="gross_margin_pct"),
    )
    assert again.status_code == 200
    shown = words(again)
    assert chosen_mapping(again) == {
        "map_0": "client",
        "map_1": "annual_revenue",
        "map_2": "gross_margin_pct",
    }
    assert "(chosen by you)" in shown
    assert "€412,000" in shown and "27.0%" in shown
    assert stored_clients(app) == []
    assert confirm(ann, again).status_code == 302
    assert stored_clients(app)[0][1:] == (
        "Northwind",
        {"annual_revenue": "412000", "gross_margin_pct": "27"},
    )


def test_with_htmx_a_changed_column_shows_only_the_new_preview(ann):
    body = b"Naam,Omzet 2025\r\nNorthwind,412000\r\n"
    page = upload(ann, body)
    fragment = ann.post(
        "/portfolio/import/preview", preview_form(page, map_1="annual_revenue"), htmx=True
    )
    assert fragment.status_code == 200
    text = words(fragment)
    assert text.startswith('<section id="import-preview"')
    assert "<html" not in text
    assert "€412,000" in text
    assert "HX-Request" in fragment.headers["Vary"]


def test_a_file_without_a_client_column_says_so_and_lets_the_user_choose_it(app, ann):
    body = b"Bedrijf;Omzet\r\nNorthwind;412000\r\n"
    response = upload(ann, body)
    assert response.status_code == 422
    page = words(response)
    error = page.split('id="csv_file-error"')[1].split("</p>")[0]
    assert "No column with the client's name was found" in error
    assert "Choose which column holds what below" in page
    assert "Import 1 client" not in page
    fixed = ann.post("/portfolio/import/preview", preview_form(response, map_0="client"))
    assert fixed.status_code == 200
    assert "1 row will be imported: 1 new client" in words(fixed)
    assert stored_clients(app) == []


def test_two_columns_read_as_the_same_field_are_refused(ann):
    body = b"client,annual_revenue,revenue\r\nNorthwind,412000,1\r\n"
    page = upload(ann, body)
    again = ann.post("/portfolio/import/preview", preview_form(page, map_2="annual_revenue"))
    assert again.status_code == 422
    assert "Two columns are read as “Annual revenue”: keep one of them." in words(again)


def test_a_changed_column_is_previewed_before_it_can_be_confirmed(app, ann):
    """Without JavaScript "Confirm" could send a choice the user has not seen the result of."""
    body = b"Naam,Omzet 2025\r\nNorthwind,412000\r\n"
    page = upload(ann, body)
    response = confirm(ann, page, map_1="annual_revenue")
    assert response.status_code == 200
    assert "You changed the columns: check the preview below, then confirm again." in words(
        response
    )
    assert stored_clients(app) == []
    assert confirm(ann, response).status_code == 302
    assert stored_clients(app)[0][2] == {"annual_revenue": "412000"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"\x00\x01\x02PK\x03\x04" + bytes(range(256)) * 20, "This is not a text file."),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "This is not a text file."),
        (b"klant;jaaromzet;brutomarge_pct\r\n", "The file has a header row but no clients"),
        (b"", "The file is empty."),
        (b"   \r\n\r\n", "The file is empty."),
        (
            (",".join(f"col{i}" for i in range(10_000)) + "\r\nx\r\n").encode(),
            "The file has more than 100 columns",
        ),
        (b'client\r\n"' + b"x" * 200_000 + b'"\r\n', "The file cannot be read as CSV"),
        (b"client\r\n" + b"x\r\n" * 20_001, "The file has more than 20000 clients"),
    ],
    ids=["binary", "jpeg", "header-only", "empty", "blank", "10000-columns", "huge-cell", "rows"],
)
def test_a_file_that_cannot_be_imported_says_why_next_to_the_upload(app, ann, body, message):
    response = upload(ann, body)
    assert response.status_code == 422
    page = words(response)
    error = page.split('id="csv_file-error"')[1].split("</p>")[0]
    assert message in error
    assert 'aria-invalid="true"' in page
    assert "import-preview" not in page
    assert stored_clients(app) == []


def test_an_upload_without_a_file_asks_for_one(ann):
    token = csrf_token(ann.client, "/portfolio/import")
    response = ann.client.post("/portfolio/import", data={"csrf_token": token})
    assert response.status_code == 422
    assert "Choose a CSV file to import." in words(response)


def _raw_upload(actions: Actions, csv: bytes):
    """An upload sent as the raw multipart body: the test client's own encoding of a large
    file leaves a temporary file open (werkzeug's stream_encode_multipart)."""
    boundary = "exitcoach-test"
    token = csrf_token(actions.client, "/portfolio/import")
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
            f"{token}\r\n--{boundary}\r\nContent-Disposition: form-data; "
            f'name="csv_file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n'
        ).encode()
        + csv
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return actions.client.post(
        "/portfolio/import", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )


@pytest.mark.parametrize("megabytes", [20, 5.1], ids=["20MB", "just-over-5MB"])
def test_a_file_too_large_is_refused_with_a_clear_message_next_to_the_field(app, ann, megabytes):
    size = int(megabytes * 1024 * 1024)
    response = _raw_upload(ann, b"klant;jaaromzet\r\n" + b"x;1\r\n" * (size // 5))
    assert response.status_code == 413
    page = words(response)
    error = page.split('id="csv_file-error"')[1].split("</p>")[0]
    assert "This file is too large: a portfolio CSV can be 5 MB at most." in error
    assert stored_clients(app) == []


def test_a_file_of_four_megabytes_is_fine(app, ann):
    """Larger than the app's usual 2 MB limit for a request: the import has its own."""
    name = "Klant met een naam zo lang als een boekhoudpakket hem toestaat " * 3
    body = b"klant;jaaromzet\r\n" + b"".join(
        f"{name}{i:06d};{1000 + i}\r\n".encode() for i in range(20_000)
    )
    assert 3.5 * 1024 * 1024 < len(body) < 5 * 1024 * 1024
    response = _raw_upload(ann, body)
    assert response.status_code == 200, words(response)[:3000]
    assert "20000 rows will be imported: 20000 new clients" in words(response)


def test_a_damaged_upload_field_asks_for_the_file_again(app, ann):
    page = upload(ann, b"client\r\nNorthwind\r\n")
    for damaged in ("not base64 at all!", "", "eJzLSM3JyVcozy_KSQEAGgQEXQ"):
        response = ann.post("/portfolio/import/confirm", {**preview_form(page), "upload": damaged})
        assert response.status_code == 422
        assert "The uploaded file was lost on the way. Choose it again." in words(response)
    assert stored_clients(app) == []


def test_a_decompression_bomb_in_the_form_is_refused(app, ann):
    import base64
    import zlib

    bomb = base64.urlsafe_b64encode(zlib.compress(b"client\r\n" + b"x\r\n" * 3_000_000)).decode()
    page = upload(ann, b"client\r\nNorthwind\r\n")
    response = ann.post("/portfolio/import/confirm", {**preview_form(page), "upload": bomb})
    assert response.status_code == 422
    assert stored_clients(app) == []


def test_the_import_needs_a_login(client):
    response = client.get("/portfolio/import")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    assert client.get("/portfolio/export.csv").status_code == 302


# -- Export ------------------------------------------------------------------------------------


def test_the_export_is_a_download_in_the_users_language(app, dutch):
    import_file(dutch, EXCEL_NL.read_bytes())
    response = dutch.client.get("/portfolio/export.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="klantenbestand-20')
    assert disposition.endswith('.csv"')
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeffklant;jaaromzet;brutomarge_pct;uren_per_week;uurkosten;")
    assert "\r\nBakkerij De Korenaar;184000;32,5;6;58,5;2400;4;2;4;4\r\n" in text
    assert '\r\n"Bakker; Zonen";1250000;18,5;40;61;12500;12;3;5;3\r\n' in text


@pytest.mark.parametrize("language", ["nl", "en"])
def test_export_import_export_gives_the_same_bytes(app, ann, language):
    ann.switch_language(language, "/portfolio/import")
    import_file(ann, EXCEL_NL.read_bytes())
    first = ann.client.get("/portfolio/export.csv").data
    # Into a second account and out again.
    other = Actions(app.test_client())
    other.register("bob@example.com")
    other.switch_language(language, "/portfolio/import")
    assert import_file(other, first).status_code == 302
    assert other.client.get("/portfolio/export.csv").data == first
    # And over the same account's own clients: nothing changes.
    assert import_file(ann, first).status_code == 302
    assert ann.client.get("/portfolio/export.csv").data == first


def test_a_formula_in_a_name_comes_out_of_the_export_guarded(app, ann):
    body = (
        b'client,annual_revenue\r\n"=HYPERLINK(""http://evil.example"",""click"")",1000\r\n'
        b"+31 Telecom,2000\r\n@SUM(A1),3000\r\n-Minus BV,4000\r\nPlain,5000\r\n"
    )
    assert import_file(ann, body).status_code == 302
    text = ann.client.get("/portfolio/export.csv").data.decode()
    lines = text.split("\r\n")
    assert lines[1] == '"\'=HYPERLINK(""http://evil.example"",""click"")",1000,,,,,,,,'
    assert lines[2:6] == [
        "'+31 Telecom,2000,,,,,,,,",
        "'@SUM(A1),3000,,,,,,,,",
        "'-Minus BV,4000,,,,,,,,",
        "Plain,5000,,,,,,,,",
    ]
    # Read back, the names are the names again (and the export the same).
    other = Actions(app.test_client())
    other.register("bob@example.com")
    import_file(other, text.encode())
    names = [name for user, name, _ in stored_clients(app) if user == 2]
    assert names[0] == '=HYPERLINK("http://evil.example","click")'
    assert other.client.get("/portfolio/export.csv").data.decode() == text


def test_an_empty_portfolio_exports_the_header_row(ann):
    response = ann.client.get("/portfolio/export.csv")
    assert response.data == (
        b"client,annual_revenue,gross_margin_pct,hours_per_week,hourly_cost,"
        b"other_annual_costs,payment_days_late,strain,value,potential\r\n"
    )


def test_one_users_import_does_not_touch_another_users_clients(app, ann):
    import_file(ann, EXCEL_NL.read_bytes())
    other = Actions(app.test_client())
    other.register("bob@example.com")
    preview = words(upload(other, EXCEL_NL.read_bytes()))
    assert "12 new clients" in preview
    import_file(other, b"client\r\nBakkerij De Korenaar\r\n")
    assert len([1 for user, _, _ in stored_clients(app) if user == 1]) == 12
    assert other.client.get("/portfolio/export.csv").data.count(b"\r\n") == 2


def test_every_problem_the_csv_reader_can_report_is_worded_in_both_languages():
    import inspect
    import re

    from app.portfolio.messages import PROBLEMS

    source = inspect.getsource(csvfile)
    codes = set(re.findall(r'Problem\(\s*"(\w+)"', source))
    # A cell's problem comes back from cell_value as a code.
    codes |= set(re.findall(r'"(\w+)" if low == 0 else "(\w+)"', source)[0])
    codes |= set(re.findall(r'return None, "(\w+)"', source))
    assert {"too_big", "not_text", "duplicate", "negative", "range"} <= codes
    for code in codes:
        assert PROBLEMS["en"][code] and PROBLEMS["nl"][code], code
        assert PROBLEMS["en"][code] != PROBLEMS["nl"][code], code
    assert set(PROBLEMS["en"]) == set(PROBLEMS["nl"])


def test_a_recognised_column_left_out_on_purpose_is_not_called_unrecognised(ann):
    page = upload(ann, b"client,annual_revenue\r\nNorthwind,412000\r\n")
    again = words(ann.post("/portfolio/import/preview", preview_form(page, map_1="")))
    assert "Left out, as chosen." in again
    assert "Column not recognised" not in again
    assert "1 row will be imported: 1 new client" in again


def test_with_htmx_a_lost_upload_says_so_in_place_of_the_preview(ann):
    page = upload(ann, b"client\r\nNorthwind\r\n")
    response = ann.post(
        "/portfolio/import/preview", {**preview_form(page), "upload": "broken"}, htmx=True
    )
    assert response.status_code == 422
    text = words(response)
    assert text.startswith('<section id="import-preview"')
    assert "The uploaded file was lost on the way. Choose it again." in text
