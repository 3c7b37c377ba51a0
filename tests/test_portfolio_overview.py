"""The portfolio overview, as an entrepreneur who brought in their client list sees it: where the
money is (two curves with a sentence each), who gets which attention (the pyramid, with limits
of their own), how each group feels and how often it is seen, the pearls, keep/fix/exit."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from app.content import load_content
from app.domain.analysis import Thresholds
from app.domain.portfolio import (
    CLASS_ACTIVITIES,
    ClientRow,
    PortfolioThresholds,
    analyze_portfolio,
)
from app.extensions import db
from app.models import User
from app.portfolio import sentences, store
from app.portfolio.overview import LINKS
from tests.conftest import Actions
from tests.helpers import page_text, visible_text

CONTENT = load_content()


def en(key: str) -> str:
    return CONTENT.text("en", f"portfolio.{key}")


def nl(key: str) -> str:
    return CONTENT.text("nl", f"portfolio.{key}")


def row(name, revenue=0, margin=50, other=0, late=0, strain=None, value=None, potential=None):
    """A client whose contribution is revenue × margin − other (no hours, paid on time)."""
    return ClientRow(
        name,
        annual_revenue=Decimal(str(revenue)),
        gross_margin_pct=Decimal(str(margin)),
        other_annual_costs=Decimal(str(other)),
        payment_days_late=Decimal(str(late)),
        strain=strain,
        value=value,
        potential=potential,
    )


# A small base with a bit of everything: contributions 25,000 · 12,500 · 6,000 · 4,000 and
# −1,500 (Tiny), total revenue 100,000 and total contribution 46,000.
BASE = [
    row("Big Co", 50_000, strain=1, value=5),
    row("Large & Sons", 25_000, strain=2, value=4),
    row("Mid Ltd", 12_000, strain=5, value=2),
    row("Small Shop", 8_000, margin=60, other=800, value=3, potential=5),
    row("Tiny", 5_000, other=4_000, strain=3, value=1),
]


def seed(app, rows, email="ann@example.com"):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        store.import_rows(user, rows)


@pytest.fixture
def base(app, ann):
    seed(app, BASE)
    return ann


def overview(client, **kwargs):
    response = client.get("/portfolio", **kwargs)
    assert response.status_code == 200, response.status_code
    return response


def section(html: str, element_id: str, end: str = "</section>") -> str:
    """The HTML of the element with this id, up to its closing tag (`end`)."""
    start = html.index(f'id="{element_id}"')
    return html[start : html.index(end, start)]


def test_an_empty_portfolio_invites_you_to_bring_your_client_list_in(ann):
    html = page_text(overview(ann.client))
    assert "Bring your client list in" in html
    assert "<svg" not in html.split("</header>", 1)[1]
    assert "attention pyramid" not in html


def test_the_overview_needs_a_login(client):
    response = client.get("/portfolio")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_header_links_to_the_portfolio_when_logged_in(client):
    user = Actions(client)
    assert "/portfolio" not in client.get("/login").get_data(as_text=True)
    user.register()
    dashboard = page_text(client.get("/plans"))
    assert re.search(r'<a href="/portfolio"\s*>Portfolio</a>', dashboard)
    assert "Your whole client base at a glance" in dashboard


def test_the_summary_counts_the_clients_and_adds_up_revenue_and_contribution(app, base):
    html = page_text(overview(base.client))
    summary = visible_text(section(html, "portfolio-summary-heading"))
    assert "Clients\n5" in summary
    assert "Total revenue\n€100,000" in summary
    assert "Total contribution\n€46,000\n(46.0%)" in summary


def test_the_overview_links_to_the_other_portfolio_pages(app, base):
    html = page_text(overview(base.client))
    assert '<a class="btn" href="/portfolio/clients">All clients</a>' in html
    for endpoint in LINKS.values():
        with app.test_request_context():
            from flask import url_for

            url = url_for(endpoint)
        assert f'href="{url}"' in html, endpoint


def test_each_curve_says_what_it_shows_for_this_base(app, base):
    html = page_text(overview(base.client))
    pareto = section(html, "pareto")
    assert "The top 20% of your clients (1 client) brings 50% of your revenue." in pareto
    whale = section(html, "whale")
    assert (
        "Your 4 profitable clients earn 103% of your total profit; the one client that loses "
        "money (20% of your clients) gives 3% of it back." in whale
    )
    for curve in (pareto, whale):
        assert "<title" in curve and "<desc" in curve
        assert 'stroke-dasharray="6 4"' in curve  # the guide is dashed, not only coloured
        assert "<table" in curve
    assert en("pareto.title") in pareto
    assert en("whale.explain") in whale


def test_the_whale_table_lists_the_peak(app, base):
    whale = visible_text(section(page_text(overview(base.client)), "whale"))
    assert "4\n(peak)\n80%\n103%" in whale
    assert "5\n100%\n100%" in whale


def test_the_page_is_in_dutch_with_dutch_numbers(app, base):
    base.switch_language("nl", "/portfolio")
    html = page_text(overview(base.client))
    assert nl("title") in html
    assert "Totale omzet\n€ 100.000" in visible_text(section(html, "portfolio-summary-heading"))
    assert "(46,0%)" in html
    assert "De beste 20% van je klanten (1 klant) brengt 50% van je omzet binnen." in html
    assert (
        "Je 4 winstgevende klanten verdienen 103% van je totale winst; de ene klant die geld "
        "kost (20% van je klanten) geeft daar 3% van terug." in html
    )
    pyramid = visible_text(section(html, "pyramid"))
    assert f"{nl('classes.A.short')}\n1\n€ 50.000\n50,0%\n€ 25.000" in pyramid


def analysed(*rows):
    model = CONTENT.model
    return analyze_portfolio(
        list(rows), PortfolioThresholds.from_model(model), Thresholds.from_model(model)
    )


ALL_LOSS = (row("Drain", 1_000, other=2_000), row("Sink", 500, other=350))
ONE = (row("Only Co", 50_000),)
ZERO = (row("Not yet"), row("Neither"))


@pytest.mark.parametrize(
    "rows, lang, pareto, whale",
    [
        (
            BASE,
            "en",
            "The top 20% of your clients (1 client) brings 50% of your revenue.",
            "Your 4 profitable clients earn 103% of your total profit; the one client that loses "
            "money (20% of your clients) gives 3% of it back.",
        ),
        (
            ALL_LOSS,
            "en",
            "The top 50% of your clients (1 client) brings 67% of your revenue.",
            "None of your clients earns money after the full cost to serve; the 2 that lose "
            "money cost you €1,600 a year together.",
        ),
        (
            ALL_LOSS,
            "nl",
            "De beste 50% van je klanten (1 klant) brengt 67% van je omzet binnen.",
            "Geen van je klanten verdient geld als je alle servicekosten meerekent; de 2 die geld "
            "kosten, kosten je samen € 1.600 per jaar.",
        ),
        (
            ONE,
            "en",
            "You have one client, so it brings all of your revenue: €50,000.",
            "Your only client earns all of your profit: €25,000 a year after the full cost to "
            "serve.",
        ),
        (
            ONE,
            "nl",
            "Je hebt één klant, dus die brengt al je omzet binnen: € 50.000.",
            "Je enige klant verdient al je winst: € 25.000 per jaar, alle servicekosten "
            "meegerekend.",
        ),
        (
            ZERO,
            "en",
            "None of your clients has any revenue yet, so there is no Pareto curve to draw.",
            "None of your clients earns or costs money yet: add revenue and costs to see where "
            "your profit is made.",
        ),
        (
            ZERO,
            "nl",
            "Nog geen van je klanten heeft omzet, dus er is nog geen paretocurve te tekenen.",
            "Nog geen van je klanten levert geld op of kost geld: vul omzet en kosten in om te "
            "zien waar je winst vandaan komt.",
        ),
        (
            (row("Drain", 1_000, other=2_000),),
            "en",
            "You have one client, so it brings all of your revenue: €1,000.",
            "Your only client costs you more than it brings: €1,500 a year after the full cost "
            "to serve.",
        ),
        (
            (row("Good", 10_000), row("Bad", 1_000, other=20_000)),
            "en",
            "The top 50% of your clients (1 client) brings 91% of your revenue.",
            "Your one profitable client earns €5,000, but the clients that lose money cost "
            "€19,500: together your clients lose €14,500 a year.",
        ),
        (
            (row("Good", 10_000), row("Fine", 5_000), row("Okay", 2_000)),
            "en",
            "The top 33% of your clients (1 client) brings 59% of your revenue.",
            "None of your clients loses money after the full cost to serve; the best one (33% "
            "of your clients) earns 59% of your profit.",
        ),
    ],
)
def test_the_sentences_fit_every_kind_of_base(app, rows, lang, pareto, whale):
    analysis = analysed(*rows)
    with app.test_request_context(), force_locale(lang):
        got_pareto = sentences.pareto_sentence(analysis, lang)
        got_whale = sentences.whale_sentence(analysis, lang)
    assert got_pareto.replace("\u00a0", " ") == pareto
    assert got_whale.replace("\u00a0", " ") == whale


def test_a_base_without_profit_shows_the_sentence_instead_of_a_whale_curve(app, ann):
    seed(app, ALL_LOSS)
    whale = section(page_text(overview(ann.client)), "whale")
    assert "None of your clients earns money after the full cost to serve" in whale
    assert "<svg" not in whale


def test_the_pyramid_shows_count_revenue_and_share_per_class(app, base):
    pyramid = section(page_text(overview(base.client)), "pyramid")
    table = visible_text(pyramid[: pyramid.index("</table>")])
    # By revenue share before: Big 0 % (A), Large 50 % (B), Mid 75 % (B), Small 87 % (C),
    # Tiny 95 % (D) — but Tiny loses money and Mid strains without value: both E.
    assert f"{en('classes.A.short')}\n1\n€50,000\n50.0%\n€25,000" in table
    assert f"{en('classes.B.short')}\n1\n€25,000\n25.0%\n€12,500" in table
    assert f"{en('classes.C.short')}\n1\n€8,000\n8.0%\n€4,000" in table
    assert f"{en('classes.D.short')}\n0\n€0\n0.0%\n€0" in table
    assert f"{en('classes.E.short')}\n2\n€17,000\n17.0%\n€4,500" in table
    assert "<polygon" in pyramid and "pyramid-hatch" in pyramid


def test_each_class_has_its_summary_and_activities_and_e_names_its_clients(app, base):
    pyramid = section(page_text(overview(base.client)), "pyramid")
    text = visible_text(pyramid)
    for klass in "ABCDE":
        assert en(f"classes.{klass}.name") in text
        assert en(f"classes.{klass}.summary") in text
        for key in CLASS_ACTIVITIES[klass]:
            assert en(f"activities.{key}") in text
    e_card = pyramid[pyramid.index('id="class-E"') :]
    assert "Raise rates or change the terms, or prepare an exit" in visible_text(e_card)
    assert '<a href="/portfolio/clients?q=Tiny">Tiny</a>' in e_card
    assert '<a href="/portfolio/clients?q=Mid+Ltd">Mid Ltd</a>' in e_card


def limits(**changes):
    values = {"class_a": "50", "class_b": "80", "class_c": "95", "e_strain": "60", "e_value": "60"}
    return {**values, **changes}


def input_tag(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, name
    return match.group(0)


def class_counts(html: str) -> dict[str, str]:
    table = section(html, "pyramid")
    return dict(re.findall(r'id="class-row-([A-E])">\s*<th[^>]*>[^<]*</th>\s*<td>([\d.,]+)', table))


def test_your_own_class_limits_recalculate_the_pyramid(app, base):
    assert class_counts(page_text(overview(base.client))) == {
        "A": "1",
        "B": "1",
        "C": "1",
        "D": "0",
        "E": "2",
    }
    response = base.post("/portfolio/thresholds", limits(class_a="60", class_b="70"))
    assert response.status_code == 302
    html = page_text(overview(base.client))
    # Large & Sons (50 % of the revenue above it) is A now, and nobody is B.
    assert class_counts(html) == {"A": "2", "B": "0", "C": "1", "D": "0", "E": "2"}
    assert 'value="60"' in input_tag(html, "class_a")
    assert "Your limits are saved; the pyramid is recalculated." in html


def test_the_e_limits_move_clients_in_and_out_of_class_e(app, base):
    base.post("/portfolio/thresholds", limits(e_strain="100"))
    # Mid Ltd's strain of 100 still counts; raise the value limit and Large & Sons (strain 25)
    # stays out either way.
    assert class_counts(page_text(overview(base.client)))["E"] == "2"
    base.post("/portfolio/thresholds", limits(e_strain="10", e_value="90"))
    # Everyone rated from strain 25 up with value below 90: Large & Sons, Mid, Tiny.
    assert class_counts(page_text(overview(base.client)))["E"] == "3"


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"class_a": "0"}, "class_a", "Enter a share of the revenue between 0 and 100%."),
        ({"class_b": "120"}, "class_b", "Enter a share of the revenue between 0 and 100%."),
        (
            {"class_b": "40"},
            "class_b",
            "Each limit must be higher than the one before it: A below B below C.",
        ),
        (
            {"class_c": "75"},
            "class_c",
            "Each limit must be higher than the one before it: A below B below C.",
        ),
        ({"e_strain": "150"}, "e_strain", "Enter a score from 0 to 100."),
        ({"e_value": "-5"}, "e_value", "Enter a score from 0 to 100."),
        ({"class_a": "half"}, "class_a", "Enter a number, like 1,250 or 12.5."),
        ({"e_value": "55.5"}, "e_value", "Enter a whole number."),
        ({"class_c": ""}, "class_c", "Enter a share of the revenue between 0 and 100%."),
    ],
)
def test_a_limit_that_cannot_be_used_is_explained_next_to_its_field(
    app, base, changes, field, message
):
    response = base.post("/portfolio/thresholds", limits(**changes))
    assert response.status_code == 422
    html = page_text(response)
    assert f'<p class="error" id="{field}-error" aria-live="polite">{message}</p>' in html
    tag = input_tag(html, field)
    assert 'aria-invalid="true"' in tag
    # What was typed stays in the form, and nothing was saved.
    assert f'value="{changes[field]}"' in tag
    assert class_counts(page_text(overview(base.client)))["A"] == "1"


def test_a_limit_problem_is_worded_in_dutch_for_a_dutch_user(app, base):
    base.switch_language("nl", "/portfolio")
    response = base.post("/portfolio/thresholds", limits(class_b="40"))
    assert response.status_code == 422
    assert "Elke grens moet hoger zijn dan de vorige: A onder B onder C." in page_text(response)


def test_dutch_limits_are_typed_with_a_decimal_comma(app, base):
    base.switch_language("nl", "/portfolio")
    base.post("/portfolio/thresholds", limits(class_a="52,5"))
    assert 'value="52,5"' in input_tag(page_text(overview(base.client)), "class_a")


def test_back_to_the_standard_limits(app, base):
    base.post("/portfolio/thresholds", limits(class_a="60", class_b="70"))
    response = base.post("/portfolio/thresholds", {"reset": "1"})
    assert response.status_code == 302
    html = page_text(overview(base.client))
    assert class_counts(html)["A"] == "1"
    assert "Back to the standard limits; the pyramid is recalculated." in html
    assert 'value="50"' in input_tag(html, "class_a")


def test_with_htmx_a_limits_change_answers_with_the_analysis_only(app, base):
    response = base.post("/portfolio/thresholds", limits(class_a="60", class_b="70"), htmx=True)
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    html = page_text(response)
    assert "<html" not in html and "site-header" not in html
    assert 'id="pyramid"' in html and 'id="quadrant"' in html
    assert class_counts(html)["A"] == "2"
    assert "Your limits are saved" in html
    bad = base.post("/portfolio/thresholds", limits(class_b="40"), htmx=True)
    assert bad.status_code == 422
    assert "<html" not in page_text(bad) and 'id="class_b-error"' in page_text(bad)


def test_each_segment_shows_its_clients_and_contact_rhythm(app, base):
    segments = section(page_text(overview(base.client)), "segments")
    for seg in ("flourishing", "interesting", "tiring", "steady"):
        for key in ("name", "summary", "visits", "calls", "approach"):
            assert en(f"segments.{seg}.{key}") in visible_text(segments)
    flourishing = section(segments, "segment-flourishing", "</article>")
    assert "In the calendar: a visit every month and a call every week." in flourishing
    # Big Co: 50 % contribution, 5 days late, strain 0: flourishing.
    assert '<a href="/portfolio/clients?q=Big+Co">Big Co</a>' in flourishing
    tiring = visible_text(section(segments, "segment-tiring", "</article>"))
    assert "In the calendar: no planned visits and no planned calls." in tiring
    assert "Mid Ltd" in tiring and "1 client" in tiring
    steady = visible_text(section(segments, "segment-steady", "</article>"))
    assert "In the calendar: a visit every 6 months and a call every 8 weeks." in steady


def test_a_segment_names_its_largest_clients_and_counts_the_rest(app, ann):
    seed(app, [row(f"Client {i:02d}", 10_000 - i, value=5, margin=5) for i in range(8)])
    html = page_text(overview(ann.client))
    interesting = visible_text(section(html, "segment-interesting", "</article>"))
    assert "8 clients" in interesting
    assert "Client 04" in interesting and "Client 05" not in interesting
    assert "and 3 more" in interesting


def test_a_pearl_says_why_it_is_one_and_what_to_do_first(app, base):
    pearls = visible_text(section(page_text(overview(base.client)), "pearls"))
    # Small Shop: 87 % of the revenue above it, margin 60 % (median 50 %), on time, potential 5.
    assert "1 pearl" in pearls
    assert "Small Shop" in pearls
    assert (
        "Revenue €8,000; margin 60.0% against a median of 50.0%; pays on time; potential 5 out "
        "of 5." in pearls
    )
    assert "First step:\n" + en("pearls.steps.visit_plan") in pearls
    for criterion in CONTENT.section("en", "portfolio.pearls.criteria"):
        assert criterion in pearls


def test_a_pearl_with_potential_4_gets_a_call_first(app, ann):
    seed(app, [*BASE[:3], row("Small Shop", 8_000, margin=60, late=3, potential=4, value=3)])
    pearls = visible_text(section(page_text(overview(ann.client)), "pearls"))
    assert "pays 3 days late; potential 4 out of 5." in pearls
    assert en("pearls.steps.call_update") in pearls


def test_without_pearls_the_page_says_how_to_find_them(app, ann):
    seed(app, BASE[:3])
    pearls = page_text(overview(ann.client))
    assert "No client meets every criterion yet." in section(pearls, "pearls")


def test_the_quadrant_links_every_client_to_its_row(app, base):
    quadrant = section(page_text(overview(base.client)), "quadrant")
    for name in ("Big+Co", "Large+%26+Sons", "Mid+Ltd", "Small+Shop", "Tiny"):
        assert f'<a href="/portfolio/clients?q={name}"><title>' in quadrant
    assert "<title>Large &amp; Sons: contribution 50.0%, value 75, strain 25</title>" in quadrant
    assert "<rect x=" in quadrant  # Mid Ltd's strain of 100: a filled square
    table = visible_text(quadrant[quadrant.index("<table") :])
    assert f"{en('quadrant.keep')}\n2\n€75,000\nBig Co\n,\nLarge & Sons" in table
    assert f"{en('quadrant.grow')}\n2\n€20,000\nMid Ltd\n,\nSmall Shop" in table
    assert f"{en('quadrant.fix')}\n0\n€0" in table
    assert f"{en('quadrant.exit')}\n1\n€5,000\nTiny" in table


def test_clients_without_a_value_score_are_listed_apart(app, ann):
    seed(app, [*BASE, row("Unrated Inc", 3_000)])
    quadrant = visible_text(section(page_text(overview(ann.client)), "quadrant"))
    assert "1 client without a value score" in quadrant
    assert "Unrated Inc" in quadrant.split("without a value score", 1)[1]


def test_a_big_base_is_summarised_not_listed(app, ann):
    rows = [
        row(
            f"Client {i:04d}", 1_000 + i * 3, other=(i % 9) * 150, strain=1 + i % 5, value=1 + i % 4
        )
        for i in range(1000)
    ]
    seed(app, rows)
    html = page_text(overview(ann.client))
    assert "Clients\n1,000" in visible_text(section(html, "portfolio-summary-heading"))
    quadrant = section(html, "quadrant")
    assert quadrant.count("<title>") == 300  # one per drawn client
    assert (
        "The quadrant shows the 300 largest of your 1,000 clients with a value score, by "
        "revenue; the table counts all of them." in quadrant
    )
    pareto = section(html, "pareto")
    assert pareto.count("<tr>") == 1 + 10
    assert len(html) < 200_000


def test_you_never_see_another_users_clients(app, client):
    bob = Actions(client)
    bob.register("bob@example.com")
    seed(app, [row("Bob's Secret Client", 99_000, value=5)], email="bob@example.com")
    bob.logout()
    ann = Actions(client)
    ann.register()
    seed(app, [row("Ann's Client", 10_000, value=4)])
    html = page_text(overview(ann.client))
    assert "Ann&#39;s Client" in html or "Ann's Client" in html
    assert "Secret" not in html
    assert "€99,000" not in html
    assert "Clients\n1" in visible_text(section(html, "portfolio-summary-heading"))
    # Ann's limits are hers alone.
    ann.post("/portfolio/thresholds", limits(class_a="30"))
    ann.logout()
    bob.login("bob@example.com")
    bob_page = page_text(overview(client))
    assert "Bob&#39;s Secret Client" in bob_page or "Bob's Secret Client" in bob_page
    assert "Ann's Client" not in visible_text(bob_page)
    assert 'value="50"' in input_tag(bob_page, "class_a")


def test_the_dutch_overview_has_no_english_left(app, base):
    from tests.test_i18n import _assert_dutch

    seed(app, [*BASE, row("Unrated Inc", 3_000)])
    base.switch_language("nl", "/portfolio")
    _assert_dutch(page_text(overview(base.client)))


@pytest.mark.parametrize(
    "lang, expected",
    [("en", "of your clients (1,000) bring"), ("nl", "van je klanten (1.000) brengen")],
)
def test_client_counts_in_a_sentence_are_grouped_by_thousands(app, lang, expected):
    analysis = analysed(*[row(f"Client {i:04d}", 1_000 + i) for i in range(5000)])
    with app.test_request_context(), force_locale(lang):
        assert expected in sentences.pareto_sentence(analysis, lang)
