"""How the printed documents look: sections flow, one font, whole tags, clear figures."""

from __future__ import annotations

from app.pdf import documents
from tests.conftest import example_plan
from tests.helpers import pdf_fonts
from tests.report_helpers import TODAY, content, flat, printed

DUTCH = "nl-van-dijk-installatietechniek"
ENGLISH = "en-northwind-retail"


def test_sections_flow_on_instead_of_leaving_pages_half_empty():
    pages = [flat(p) for p in printed(example_plan(DUTCH))]
    # the analysis starts on page 1, under the key figures
    assert "Kerncijfers" in pages[0] and "Analyse van het besluit" in pages[0]
    # "in the room" follows the preconditions on the same page, the conversation the room
    end_of_preconditions = next(i for i, p in enumerate(pages) if "Door de ogen van de klant" in p)
    assert "Aan tafel" in pages[end_of_preconditions]
    end_of_room = next(i for i, p in enumerate(pages) if "Lastige momenten" in p)
    assert "Het gesprek in zeven stappen" in pages[end_of_room]


def test_one_font_family_throughout_the_chart_included():
    plan = example_plan(ENGLISH)
    report = documents.report_for(plan, content(), TODAY)
    for which in ("plan", "card"):
        fonts = {
            name.split("+", 1)[1] for name, _ in pdf_fonts(documents.pdf_for_report(report, which))
        }
        # Liberation Sans for every text; DejaVu Sans only for the ☑/☐ glyphs Liberation lacks
        assert fonts - {"DejaVu-Sans"} <= {"Liberation-Sans", "Liberation-Sans-Bold"}, fonts
    html = documents.document_html(report, "plan")
    chart = html[html.index('<figure class="chart') : html.index("</figure>")]
    assert chart.count('font-family="Liberation Sans') == chart.count("<text ")


def test_the_likely_tag_is_never_split_over_lines():
    pages = printed(example_plan(DUTCH))
    lines = [line for page in pages for line in page.splitlines() if "WAARSCHIJNLIJK" in line]
    assert len(lines) == 3
    assert all("WAARSCHIJNLIJK BIJ DEZE CONTACTPERSOON" in line for line in lines), lines


def test_the_card_offers_the_transition_with_its_end_date():
    plan = example_plan(ENGLISH)
    plan["script"]["transition"] = "We will hand over all source files and brand guidelines."
    card = flat(printed(plan, "card")[0])
    offer = card[card.casefold().index("transition offer") :]
    assert "End date: 31 May 2027" in offer
    assert "We will hand over all source files" in offer


def test_cost_to_serve_and_everything_the_client_costs_are_two_figures_with_two_names():
    text = flat("\n".join(printed(example_plan(ENGLISH))))
    assert "Cost to serve €63,779.00" in text  # the hours, in the table
    assert "Everything this client costs" in text and "€69,241" in text  # the chart's bar
    assert (
        "Cost to serve €63,779 + other yearly costs €4,200 + cost of late payment €1,262"
        " = €69,241." in text
    )
    assert "Cost to serve, all in" not in text
