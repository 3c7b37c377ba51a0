"""An entrepreneur brings last year's client list into the portfolio, in a real browser.

A Dutch user imports the Excel-NL export (semicolons, decimal commas, a BOM) through the upload
form, checks the preview and changes a column there (htmx), confirms, reads the pyramid, the
curves and the pearls, works in the clients table (sort, search, an inline edit) and starts an
exit plan from a class-E client. An English user without JavaScript imports a comma file: the
same flow works with plain forms and links.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_decide_journey import PASSWORD
from tests.conftest import Actions

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parents[1] / "data"
NBSP = "\u00a0"


def _log_in(page, live_server, email):
    page.goto(live_server + "/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/plans$"))


def _excel_file_with_a_bad_row(tmp_path: Path) -> Path:
    """The Excel-NL export as it is (BOM, CRLF, `;`, decimal commas), plus one row whose revenue
    is a word: the preview must point at it, and the other twelve rows still come in."""
    data = (DATA / "portfolio-excel-nl.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.endswith(b"\r\n")
    path = tmp_path / "portfolio-excel-nl.csv"
    path.write_bytes(data + b"Bloemisterij Roos;veel;30;1;50;0;0;2;3;3\r\n")
    return path


def _settled(page):
    """Wait until htmx has swapped its answer in and wired the new content (it removes
    `htmx-added` just before it does): a click any sooner would miss the new element's hx-*."""
    expect(
        page.locator(".htmx-request, .htmx-swapping, .htmx-added, .htmx-settling")
    ).to_have_count(0)


def _money(text: str) -> str:
    """How the page writes an amount: `€ 96.500` with a non-breaking space in Dutch."""
    return text.replace(" ", NBSP)


def test_a_dutch_user_imports_an_excel_list_and_starts_an_exit_plan_from_a_row(
    app, page, live_server, shots, tmp_path
):
    Actions(app.test_client()).register("femke@example.com", PASSWORD)
    _log_in(page, live_server, "femke@example.com")
    page.get_by_role("button", name=re.compile("^NL")).click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    # the header leads to the portfolio; empty, it offers the import
    page.locator("nav.site-nav").get_by_role("link", name="Klantenbestand").click()
    expect(page).to_have_url(re.compile(r"/portfolio$"))
    expect(page.locator("nav.site-nav a[aria-current=page]")).to_have_text("Klantenbestand")
    page.locator("main").get_by_role("link", name="Je klantenlijst importeren").click()
    expect(page.locator("h1")).to_have_text("Je klantenlijst importeren")
    shots.take("portfolio-import-nl")

    # upload: the preview says in words how the file was read, and stores nothing yet
    page.set_input_files("input[name=csv_file]", str(_excel_file_with_a_bad_row(tmp_path)))
    page.get_by_role("button", name="Inlezen en controleren").click()
    preview = page.locator("#import-preview")
    expect(preview.locator("h2")).to_have_text("Voorbeeld van “portfolio-excel-nl.csv”")
    dialect = preview.locator(".import-dialect")
    expect(dialect).to_contain_text("puntkomma (;)")
    expect(dialect).to_contain_text("komma (12,5)")
    expect(dialect).to_contain_text("UTF-8 met BOM (zoals Excel het opslaat)")
    expect(preview.locator("#import-summary")).to_contain_text(
        "12 regels worden geïmporteerd: 12 nieuwe klanten"
    )
    expect(preview.locator("#import-summary")).to_contain_text("1 regel wordt weggelaten")
    # every column of the file with the field it is read as
    headers = preview.locator(".column-map tbody th")
    expect(headers).to_have_count(10)
    expect(headers.nth(5)).to_have_text("Overige kosten")
    expect(preview.locator("#map_5")).to_have_value("other_annual_costs")
    # the first rows as understood, in Dutch notation
    rows = preview.locator(".import-rows")
    expect(rows.locator("thead")).to_contain_text("Overige kosten per jaar")
    expect(rows.locator("tbody tr").first).to_contain_text("Bakkerij De Korenaar")
    expect(rows.locator("tbody tr").first).to_contain_text(_money("€ 184.000"))
    expect(rows.locator("tbody tr").first).to_contain_text("32,5%")
    # the problem: its line, its column, what is wrong and what was found
    problem = preview.locator(".import-problems tbody tr")
    expect(problem).to_have_count(1)
    expect(problem).to_contain_text("14")
    expect(problem).to_contain_text("Jaaromzet")
    expect(problem).to_contain_text("veel")
    shots.take("portfolio-preview-nl")

    # one column read differently: htmx shows the preview again at once, without that column
    page.select_option("#map_5", "")
    expect(preview.locator("#map_5 + .muted")).to_have_text("(door jou gekozen)")
    _settled(page)
    expect(rows.locator("thead")).not_to_contain_text("Overige kosten per jaar")
    expect(page).to_have_url(re.compile(r"/portfolio/import$"))  # the same page, swapped in place
    # and back to what the header says
    page.select_option("#map_5", "other_annual_costs")
    expect(rows.locator("thead")).to_contain_text("Overige kosten per jaar")
    expect(preview.locator("#map_5 + .muted")).to_have_count(0)
    _settled(page)

    # confirm: twelve clients in one go, then the overview
    page.get_by_role("button", name="12 klanten importeren").click()
    expect(page).to_have_url(re.compile(r"/portfolio\?imported=1$"))
    expect(page.locator(".flash--success")).to_contain_text("12 klanten toegevoegd")
    summary = page.locator(".portfolio-summary__figures")
    expect(summary).to_contain_text("12")
    # the pyramid with its counts per class (exitcoach portfolio analyze: A1 B2 C3 D2 E4)
    pyramid = page.locator("#pyramid")
    expect(pyramid.locator("svg title").first).to_have_text("De aandachtspiramide")
    for klass, count in {"A": 1, "B": 2, "C": 3, "D": 2, "E": 4}.items():
        expect(pyramid.locator(f"#class-row-{klass} td").first).to_have_text(str(count))
    expect(pyramid.locator("#class-E")).to_contain_text("4 klanten")
    expect(pyramid.locator("#class-E")).to_contain_text("Van Dijk Installatietechniek")
    # the curves, each with its sentence for this base
    expect(page.locator("#pareto")).to_contain_text(
        "De beste 17% van je klanten (2) brengen 62% van je omzet binnen."
    )
    expect(page.locator("#whale")).to_contain_text(
        "Je 8 winstgevende klanten verdienen 116% van je totale winst; de 4 die geld kosten "
        "(33% van je klanten) geven daar 16% van terug."
    )
    # the pearls, each with a first step
    pearls = page.locator("#pearls")
    expect(pearls).to_contain_text("4 parels")
    expect(pearls).to_contain_text("Café de Zwaan")
    expect(pearls).to_contain_text("Eerste stap:")
    shots.take("portfolio-overview-nl")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # the clients table: ranked by contribution, then by revenue (htmx, the address follows)
    page.get_by_role("link", name="Alle klanten").first.click()
    table = page.locator("#client-table")
    expect(table).to_contain_text("12 klanten")
    expect(table.locator("tbody tr").first).to_contain_text("Bakker; Zonen")
    expect(table.locator("tbody tr").nth(1)).to_contain_text("Bakkerij De Korenaar")
    # (the column header on a desktop; on a phone, where every client is a card, "Sorteren:")
    by_revenue = table.get_by_role("link", name=re.compile(r"^(Plaats naar omzet|op omzet)$"))
    by_revenue.filter(visible=True).first.click()
    expect(table).to_contain_text("op volgorde van omzet")
    expect(page).to_have_url(re.compile(r"sort=revenue"))
    expect(table.locator("tbody tr").nth(1)).to_contain_text("Transport Mulder BV")
    _settled(page)
    # search by name, as one types
    page.locator("#client-search").fill("bakker")
    expect(table).to_contain_text("2 klanten gevonden voor “bakker”")
    expect(table.locator("tbody tr")).to_have_count(2)
    _settled(page)
    shots.take("portfolio-clients-nl")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # an inline edit: the row becomes a form, Save puts the row back with the new figures
    row = table.locator("tbody tr", has_text="Bakkerij De Korenaar")
    row.get_by_role("link", name=re.compile("^Bewerken")).click()
    editing = table.locator("tr.plan-table__editing")
    revenue = editing.get_by_label("Jaaromzet")
    expect(revenue).to_have_value("184.000")
    _settled(page)
    revenue.fill("204.000")
    shots.take("portfolio-edit-nl")
    editing.get_by_role("button", name="Opslaan").click()
    expect(table.locator("tr.plan-table__editing")).to_have_count(0)
    expect(table.locator("tbody tr", has_text="Bakkerij De Korenaar")).to_contain_text(
        _money("€ 204.000")
    )
    expect(page).to_have_url(re.compile(r"/portfolio/clients"))

    # a class-E client's page, and an exit plan started from it
    page.goto(live_server + "/portfolio/clients?class=E")
    expect(table.locator("tbody tr")).to_have_count(4)
    table.get_by_role("link", name="Van Dijk Installatietechniek", exact=True).click()
    expect(page.locator("h1")).to_have_text("Van Dijk Installatietechniek")
    expect(page.locator("main")).to_contain_text("E – heroverwegen")
    shots.take("portfolio-client-nl")
    page.get_by_role("button", name="Start een exitplan").click()

    # the plan wizard, prefilled: where it came from, and the revenue in the financial step
    expect(page).to_have_url(re.compile(r"/plans/\d+"))
    expect(page.locator("h1")).to_have_text("Van Dijk Installatietechniek")
    origin = page.locator(".portfolio-origin")
    expect(origin).to_contain_text("Uit je klantenbestand:")
    expect(origin.get_by_role("link", name="Van Dijk Installatietechniek")).to_be_visible()
    page.locator("nav.stepper a").nth(1).click()
    expect(page.locator("[name=annual_revenue]")).to_have_value("96.500")
    expect(page.locator("[name=gross_margin_pct]")).to_have_value("21")
    shots.take("portfolio-plan-financial-nl")

    # the link leads back to the client's row, which now says where its plan stands
    origin.get_by_role("link", name="Van Dijk Installatietechniek").click()
    back = page.locator("#client-table tbody tr", has_text="Van Dijk Installatietechniek")
    expect(back).to_contain_text("Advies van het plan:")
    expect(back).to_contain_text("cijfers uit het plan")
    assert page.console_errors == []


def test_without_javascript_an_english_file_is_imported_with_plain_forms(
    app, page_without_js, live_server
):
    page = page_without_js
    Actions(app.test_client()).register("sam@example.com", PASSWORD)
    _log_in(page, live_server, "sam@example.com")
    page.locator("nav.site-nav").get_by_role("link", name="Portfolio").click()
    page.locator("main").get_by_role("link", name="Import your client list").click()

    page.set_input_files("input[name=csv_file]", str(DATA / "english-clients.csv"))
    page.get_by_role("button", name="Show the preview").click()
    preview = page.locator("#import-preview")
    expect(preview.locator(".import-dialect")).to_contain_text("comma (,)")
    expect(preview.locator(".import-dialect")).to_contain_text("point (12.5)")
    expect(preview.locator("#import-summary")).to_contain_text("4 rows will be imported")
    expect(preview).to_contain_text("No problems found.")
    expect(preview.locator(".import-rows tbody tr").nth(1)).to_contain_text("Harbour & Sons, Ltd")
    expect(preview.locator(".import-rows tbody tr").nth(1)).to_contain_text("€58,200.50")

    # without JavaScript a changed column waits for "Show again"; confirming first is refused
    page.select_option("#map_6", "")
    page.get_by_role("button", name="Import 4 clients").click()
    expect(preview).to_contain_text(
        "You changed the columns: check the preview below, then confirm again."
    )
    expect(preview.locator("#map_6 + .muted")).to_have_text("(chosen by you)")
    page.select_option("#map_6", "payment_days_late")
    page.get_by_role("button", name="Show again with these columns").click()
    expect(preview.locator("#map_6 + .muted")).to_have_count(0)

    page.get_by_role("button", name="Import 4 clients").click()
    expect(page).to_have_url(re.compile(r"/portfolio\?imported=1$"))
    expect(page.locator(".flash--success")).to_contain_text("4 clients added, 0 updated.")
    expect(page.locator("#class-row-A td").first).to_have_text("1")
    expect(page.locator("#pearls")).to_contain_text("Blue Fern Studio")

    page.get_by_role("link", name="All clients").first.click()
    table = page.locator("#client-table")
    expect(table.locator("tbody tr")).to_have_count(4)
    expect(table.locator("tbody tr").first).to_contain_text("Atlas Freight")
    expect(table.locator("tbody tr", has_text="Northwind Retail Ltd")).to_contain_text("€126,500")
