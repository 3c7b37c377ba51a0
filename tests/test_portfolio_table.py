"""The clients table: every client ranked by contribution or revenue, 50 to a page, searchable,
and each row added, edited and deleted in place (htmx) or on its own page (no JavaScript).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from app.domain.portfolio import ClientRow
from tests.conftest import Actions
from tests.portfolio_helpers import EXCEL_NL, import_file, stored_clients, words

FIELDS = (
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
)


def seed(app, rows, email="ann@example.com"):
    """Store clients for a user directly (as a confirmed import would)."""
    from app.auth import accounts
    from app.extensions import db
    from app.portfolio import store

    with app.app_context():
        store.import_rows(accounts.find_user(email), rows)
        db.session.remove()


def client_id(app, name: str) -> int:
    from sqlalchemy import select

    from app.extensions import db
    from app.models import PortfolioClient

    with app.app_context():
        return db.session.scalar(select(PortfolioClient.id).where(PortfolioClient.name == name))


def body_rows(page: str) -> list[str]:
    """The client names of the table's rows, top to bottom."""
    return re.findall(
        r'<a class="plan-table__client" href="/portfolio/clients/\d+">([^<]*)</a>', page
    )


def form_of(prefix: str, **values) -> dict[str, str]:
    data = {f"{prefix}-{name}": "" for name in FIELDS}
    data.update({f"{prefix}-{name}": value for name, value in values.items()})
    return data


@pytest.fixture
def base(app, ann):
    """Ann's twelve clients of the Excel file."""
    import_file(ann, EXCEL_NL.read_bytes())
    return ann


# -- The table ---------------------------------------------------------------------------------


def test_the_table_ranks_by_contribution_with_figures_class_segment_and_pearls(app, base):
    response = base.client.get("/portfolio/clients")
    assert response.status_code == 200
    page = words(response)
    names = body_rows(page)
    assert len(names) == 12
    # Bakker; Zonen: 1,250,000 × 18.5 % − 40 × 61 × 46 − 12,500 − capital: the largest.
    assert names[0] == "Bakker; Zonen"
    assert names[-1] == "Transport Mulder BV"  # 512,300 × 12.5 % − 30 × 54 × 46 − …: a loss
    assert "ranked by contribution" in page
    row = page.split('id="client-' + str(client_id(app, "Bakkerij De Korenaar")) + '"')[1]
    row = row.split("</tr>")[0]
    assert "€184,000" in row and "€41,093" in row and "22.3%" in row
    assert ">C<" in row and "Flourishing" in row and "pearl" in row
    mulder = page.split('id="client-' + str(client_id(app, "Transport Mulder BV")) + '"')[1]
    mulder = mulder.split("</tr>")[0]
    assert ">E<" in mulder and "Tiring" in mulder and "-€24,535" in mulder and "pearl" not in mulder
    assert 'href="/portfolio"' in page  # back to the overview


def test_sorting_by_revenue_shows_the_revenue_ranks(app, base):
    page = words(base.client.get("/portfolio/clients?sort=revenue"))
    names = body_rows(page)
    assert names[:3] == ["Bakker; Zonen", "Transport Mulder BV", "Drukkerij Het Anker"]
    assert names[-1] == "Garage Smit"
    assert "ranked by revenue" in page
    first = page.split('id="client-' + str(client_id(app, "Transport Mulder BV")) + '"')[1]
    # Its rank by contribution (12th) and by revenue (2nd).
    assert re.match(
        r'> <td class="num" data-label="Rank by contribution">12</td> '
        r'<td class="num" data-label="Rank by revenue">2</td>',
        first,
    )
    assert 'href="/portfolio/clients?sort=contribution"' in page
    assert words(base.client.get("/portfolio/clients?sort=nonsense")).count(
        "ranked by contribution"
    )


def test_the_table_speaks_dutch(app, base):
    base.switch_language("nl", "/portfolio/clients")
    page = words(base.client.get("/portfolio/clients"))
    row = page.split('id="client-' + str(client_id(app, "Bakkerij De Korenaar")) + '"')[1]
    row = row.split("</tr>")[0]
    assert "€ 184.000" in row and "€ 41.093" in row and "22,3%" in row
    assert "Bloeiend" in row and "parel" in row


def test_the_table_shows_50_clients_a_page_with_real_links(app, ann):
    seed(app, [ClientRow(f"Client {i:03d}", Decimal(1000 * (i + 1))) for i in range(120)])
    page = words(ann.client.get("/portfolio/clients?sort=revenue"))
    names = body_rows(page)
    assert len(names) == 50
    assert names[0] == "Client 119" and names[-1] == "Client 070"
    assert "120 clients · page 1 of 3" in page
    assert 'href="/portfolio/clients?sort=revenue&page=2"' in page.replace("&amp;", "&")
    third = words(ann.client.get("/portfolio/clients?sort=revenue&page=3"))
    assert body_rows(third)[0] == "Client 019" and len(body_rows(third)) == 20
    assert "page 3 of 3" in third
    # A page past the end shows the last one; nonsense shows the first.
    assert body_rows(words(ann.client.get("/portfolio/clients?page=99"))) == body_rows(
        words(ann.client.get("/portfolio/clients?page=3"))
    )
    assert len(body_rows(words(ann.client.get("/portfolio/clients?page=x")))) == 50


def test_with_htmx_a_page_link_brings_only_the_table(app, ann):
    seed(app, [ClientRow(f"Client {i:03d}", Decimal(1000 * (i + 1))) for i in range(60)])
    fragment = ann.client.get("/portfolio/clients?page=2", headers={"HX-Request": "true"})
    text = words(fragment)
    assert text.startswith('<div id="client-table"')
    assert "<html" not in text and len(body_rows(text)) == 10
    assert 'id="search-sort"' in text and 'hx-swap-oob="true"' in text
    assert "HX-Request" in fragment.headers["Vary"]


def test_the_search_finds_clients_by_name(app, base):
    page = words(base.client.get("/portfolio/clients?q=bakker"))
    assert sorted(body_rows(page)) == ["Bakker; Zonen", "Bakkerij De Korenaar"]
    assert "2 clients found for “bakker”" in page
    assert 'value="bakker"' in page
    none = words(base.client.get("/portfolio/clients?q=zzz"))
    assert "No client has a name with “zzz” in it." in none


def test_an_empty_portfolio_invites_an_import(ann):
    page = words(ann.client.get("/portfolio/clients"))
    assert "No clients yet." in page
    assert 'href="/portfolio/import"' in page


# -- Adding ------------------------------------------------------------------------------------


def test_adding_a_client_without_javascript(app, ann):
    response = ann.post(
        "/portfolio/clients",
        form_of("new", client="  Northwind   Retail ", annual_revenue="412,000", strain="2"),
    )
    assert response.status_code == 302
    page = words(ann.client.get(response.headers["Location"]))
    assert "“Northwind Retail” has been added." in page
    assert body_rows(page) == ["Northwind Retail"]
    assert stored_clients(app) == [
        (1, "Northwind Retail", {"annual_revenue": "412000", "strain": 2})
    ]


def test_adding_a_client_with_htmx_in_dutch_reads_dutch_numbers(app, ann):
    ann.switch_language("nl", "/portfolio/clients")
    response = ann.post(
        "/portfolio/clients",
        form_of(
            "new",
            client="Bakkerij De Korenaar",
            annual_revenue="€ 184.000",
            gross_margin_pct="32,5",
            hours_per_week="6",
            hourly_cost="58,50",
        ),
        htmx=True,
    )
    assert response.status_code == 200
    text = words(response)
    assert text.startswith('<div id="clients-area"')
    assert "Bakkerij De Korenaar" in body_rows(text)
    assert stored_clients(app)[0][2] == {
        "annual_revenue": "184000",
        "gross_margin_pct": "32.5",
        "hours_per_week": "6",
        "hourly_cost": "58.50",
    }


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"annual_revenue": "-5000"}, "annual_revenue", "Must not be negative."),
        ({"annual_revenue": "lots"}, "annual_revenue", "Not a number."),
        ({"gross_margin_pct": "150"}, "gross_margin_pct", "Must be from -100 to 100."),
        ({"hours_per_week": "200"}, "hours_per_week", "Must be from 0 to 168."),
        ({"strain": "7"}, "strain", "Must be a whole number from 1 to 5."),
        ({"value": "2,5"}, "value", "Must be a whole number from 1 to 5."),
        ({"potential": "high"}, "potential", "Must be a whole number from 1 to 5."),
        ({"client": ""}, "client", "Enter the name of the client."),
        ({"client": "x" * 201}, "client", "Keep the name under 200 characters."),
        ({"client": "Nul\x00Byte"}, "client", "invisible control characters"),
    ],
)
def test_a_bad_value_gets_its_message_next_to_the_field(app, ann, values, field, message):
    data = form_of("new", **{"client": "Northwind", **values})
    for htmx in (False, True):
        response = ann.post("/portfolio/clients", data, htmx=htmx)
        assert response.status_code == 422
        text = words(response)
        slot = text.split(f'id="new-{field}-error" aria-live="polite">')[1].split("</p>")[0]
        assert message in slot
        field_input = re.search(rf'<input [^>]*id="new-{field}"[^>]*>', text).group(0)
        assert 'aria-invalid="true"' in field_input
    assert stored_clients(app) == []


def test_a_name_already_in_the_portfolio_is_refused_next_to_the_name(app, base):
    response = base.post("/portfolio/clients", form_of("new", client="garage  SMIT"))
    assert response.status_code == 422
    slot = words(response).split('id="new-client-error" aria-live="polite">')[1].split("</p>")[0]
    assert "There is already a client called “Garage Smit”." in slot
    assert len(stored_clients(app)) == 12


# -- Editing -----------------------------------------------------------------------------------


def test_editing_a_row_in_place_with_htmx(app, base):
    cid = client_id(app, "Garage Smit")
    form = base.client.get(f"/portfolio/clients/{cid}/edit", headers={"HX-Request": "true"})
    text = words(form)
    assert text.startswith(f'<tr id="client-{cid}" class="plan-table__editing">')
    assert 'value="Garage Smit"' in text and 'value="15,400"' in text
    version = re.search(rf'name="c{cid}-version" type="hidden" value="(\d+)"', text).group(1)
    saved = base.post(
        f"/portfolio/clients/{cid}/edit",
        form_of(f"c{cid}", client="Garage Smit & Zn", annual_revenue="19,900", version=version),
        htmx=True,
    )
    assert saved.status_code == 200
    row = words(saved)
    assert row.startswith(f'<tr id="client-{cid}">')
    assert "Garage Smit & Zn" in row and "€19,900" in row and "saved" in row
    figures = next(f for _, name, f in stored_clients(app) if name == "Garage Smit & Zn")
    assert figures == {"annual_revenue": "19900"}  # an emptied field is unknown now
    cancel = words(base.client.get(f"/portfolio/clients/{cid}/row", headers={"HX-Request": "true"}))
    assert cancel.startswith(f'<tr id="client-{cid}">')


def test_editing_without_javascript_on_a_page_of_its_own(app, base):
    cid = client_id(app, "Garage Smit")
    page = words(base.client.get(f"/portfolio/clients/{cid}/edit"))
    assert "<h1>Edit “Garage Smit”</h1>" in page
    assert f'action="/portfolio/clients/{cid}/edit"' in page
    response = base.post(
        f"/portfolio/clients/{cid}/edit",
        form_of(f"c{cid}", client="Garage Smit", annual_revenue="16000", version="1"),
    )
    assert response.status_code == 302
    assert "“Garage Smit” has been saved." in words(base.client.get(response.headers["Location"]))


def test_a_bad_edit_is_refused_with_the_message_in_the_row(app, base):
    cid = client_id(app, "Garage Smit")
    response = base.post(
        f"/portfolio/clients/{cid}/edit",
        form_of(f"c{cid}", client="Garage Smit", annual_revenue="-1", version="1"),
        htmx=True,
    )
    assert response.status_code == 422
    text = words(response)
    assert text.startswith(f'<tr id="client-{cid}" class="plan-table__editing">')
    assert f'id="c{cid}-annual_revenue-error" aria-live="polite">Must not be negative.' in text
    rename = base.post(
        f"/portfolio/clients/{cid}/edit",
        form_of(f"c{cid}", client="Makelaardij BOS", version="1"),
        htmx=True,
    )
    assert rename.status_code == 422
    assert "There is already a client called “Makelaardij Bos”." in words(rename)
    garage = next(f for _, name, f in stored_clients(app) if name == "Garage Smit")
    assert garage["annual_revenue"] == "15400"


def test_an_edit_over_a_change_in_another_tab_is_refused_with_the_current_values(app, base):
    cid = client_id(app, "Garage Smit")
    first = base.post(
        f"/portfolio/clients/{cid}/edit",
        form_of(f"c{cid}", client="Garage Smit", annual_revenue="17000", version="1"),
        htmx=True,
    )
    assert first.status_code == 200
    stale = base.post(
        f"/portfolio/clients/{cid}/edit",
        form_of(f"c{cid}", client="Garage Smit", annual_revenue="99000", version="1"),
        htmx=True,
    )
    assert stale.status_code == 409
    text = words(stale)
    assert "This client was changed in another tab." in text
    assert "Annual revenue: €17,000" in text  # what is stored now
    assert 'value="99000"' in text  # what the user typed is still there
    assert f'name="c{cid}-version" type="hidden" value="2"' in text
    garage = next(f for _, name, f in stored_clients(app) if name == "Garage Smit")
    assert garage == {"annual_revenue": "17000"}
    # Saving again goes over it.
    again = base.post(
        f"/portfolio/clients/{cid}/edit",
        form_of(f"c{cid}", client="Garage Smit", annual_revenue="99000", version="2"),
        htmx=True,
    )
    assert again.status_code == 200


# -- Deleting ----------------------------------------------------------------------------------


def test_deleting_a_row_in_place_asks_first(app, base):
    cid = client_id(app, "Garage Smit")
    ask = words(base.client.get(f"/portfolio/clients/{cid}/delete", headers={"HX-Request": "true"}))
    assert ask.startswith(f'<tr id="client-{cid}" class="plan-table__confirm">')
    assert "Delete “Garage Smit” from your portfolio?" in ask
    assert f'hx-get="/portfolio/clients/{cid}/row"' in ask
    assert len(stored_clients(app)) == 12
    done = base.post(f"/portfolio/clients/{cid}/delete", htmx=True)
    assert done.status_code == 200
    assert "“Garage Smit” has been deleted." in words(done)
    assert "Garage Smit" not in [name for _, name, _ in stored_clients(app)]


def test_deleting_without_javascript(app, base):
    cid = client_id(app, "Garage Smit")
    page = words(base.client.get(f"/portfolio/clients/{cid}/delete"))
    assert "<h1>Delete client</h1>" in page and "hx-post" not in page
    response = base.post(f"/portfolio/clients/{cid}/delete")
    assert response.status_code == 302
    after = words(base.client.get(response.headers["Location"]))
    assert "“Garage Smit” has been deleted." in after
    assert "Garage Smit" not in body_rows(after)


# -- One client, and privacy -------------------------------------------------------------------


def test_a_clients_page_shows_its_figures_and_its_place(app, base):
    cid = client_id(app, "Bakkerij De Korenaar")
    page = words(base.client.get(f"/portfolio/clients/{cid}"))
    assert "<h1>Bakkerij De Korenaar</h1>" in page
    assert "Contribution after the full cost to serve</dt><dd>€41,092.68" in page
    assert "Class</dt><dd>C – regular clients" in page
    assert "Hourly cost</dt><dd>€58.50" in page
    assert "Gross margin %</dt><dd>32.5%" in page


def test_another_users_client_does_not_exist_for_you(app, base):
    cid = client_id(app, "Garage Smit")
    other = Actions(app.test_client())
    other.register("bob@example.com")
    for url in ("", "/row", "/edit", "/delete"):
        response = other.client.get(f"/portfolio/clients/{cid}{url}")
        assert response.status_code == 404, url
        assert "This page does not exist, or it belongs to someone else." in words(response)
    edit = other.post(f"/portfolio/clients/{cid}/edit", form_of(f"c{cid}", client="Mine"))
    assert edit.status_code == 404
    assert other.post(f"/portfolio/clients/{cid}/delete").status_code == 404
    assert "Garage Smit" in [name for _, name, _ in stored_clients(app)]
    assert body_rows(words(other.client.get("/portfolio/clients"))) == []


@pytest.mark.parametrize(
    "path",
    [
        "/portfolio/clients",
        "/portfolio/clients?sort=revenue&q=bakker",
        "/portfolio/clients?q=zzz",
        "/portfolio/clients/{id}",
        "/portfolio/clients/{id}/edit",
        "/portfolio/clients/{id}/delete",
        "/portfolio/import",
    ],
)
def test_the_client_pages_in_dutch_have_no_english_left(app, base, path):
    from tests.test_i18n import _assert_dutch

    base.switch_language("nl", "/portfolio/clients")
    page = base.client.get(path.format(id=client_id(app, "Garage Smit"))).get_data(as_text=True)
    assert '<html lang="nl">' in page
    # The English headers the import understands are file contents, shown as code.
    _assert_dutch(re.sub(r"<code>\w+</code>", "", page))


def test_the_import_preview_in_dutch_has_no_english_left(app, ann):
    from tests.portfolio_helpers import upload
    from tests.test_i18n import _assert_dutch

    ann.switch_language("nl", "/portfolio/import")
    body = b"klant,jaaromzet,notities\r\nNorthwind,-5,x\r\nContoso,lots,y\r\nFabrikam,12,z\r\n"
    page = upload(ann, body, "klanten.csv").get_data(as_text=True)
    assert "Mag niet negatief zijn." in page and "Geen getal." in page
    assert "Kolom niet herkend: die wordt weggelaten." in page
    # The headers the import understands, and the fields' ids as option values, are not words.
    page = re.sub(r"<code>\w+</code>", "", page)
    _assert_dutch(re.sub(r'<option value="\w*"', "<option", page))
