"""Issue 10, "The screens behave": what the wizard's screens show while a user fills them in."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.helpers import page_text, plan_data, visible_text
from tests.test_wizard_steps import FINANCIALS as WIZARD_FINANCIALS


@pytest.fixture
def plan_id(ann):
    return ann.create_plan("Acme Logistics")


# The financial figures of the decision-step tests, without the two defaults (cost of
# capital, working weeks), so the panel shows what the model assumes for them.
FINANCIALS = {
    k: v for k, v in WIZARD_FINANCIALS.items() if k not in ("cost_of_capital_pct", "working_weeks")
}

ROW = re.compile(
    r'<div class="figures__row[^"]*"[^>]*>\s*<dt>(.*?)</dt>\s*<dd>(.*?)</dd>', re.DOTALL
)


def _done(html: str, step: str) -> bool:
    """Whether the navigator in `html` marks `step` as done ("(done)" for screen readers)."""
    match = re.search(rf'<a href="/plans/\d+/steps/{step}".*?</a>', html, re.DOTALL)
    assert match, f"no navigator entry for {step}"
    return "(done)" in match.group(0)


def _euros(text: str) -> Decimal:
    """'€1,996.44' or '-€1,996.44' (English) as a number."""
    return Decimal(text.replace("€", "").replace(",", "").strip())


def _statement(html: str) -> list[tuple[str, Decimal]]:
    """The results panel's lines from the first figure down to the '= …' total."""
    lines = []
    for label, amount in ROW.findall(html):
        label = " ".join(label.split())
        lines.append((label, _euros(amount)))
        if label.startswith("="):
            return lines
    raise AssertionError("no total line in the results panel")


# ---- 1. the results panel adds up ---------------------------------------------------------


@pytest.mark.parametrize(
    "figures",
    [
        FINANCIALS,
        # fractions of a cent in every line: each is rounded on its own, still they add up
        FINANCIALS
        | {
            "annual_revenue": "84000.33",
            "gross_margin_pct": "32.125",
            "other_annual_costs": "1500.005",
            "payment_days_late": "38",
            "service_hours-0-hours_per_week": "2.333",
            "service_hours-0-hourly_cost": "85.55",
        },
    ],
    ids=["whole-euros", "fractions"],
)
def test_the_results_panel_shows_every_line_and_they_add_up(ann, plan_id, figures):
    response = ann.save_step(plan_id, "financial", figures)
    assert response.status_code == 200
    lines = _statement(page_text(response))
    labels = [label for label, _ in lines]
    assert labels == [
        "Gross profit",
        "− Cost to serve",
        "− Other annual costs",
        "− Cost of late payment",
        "= Contribution",
    ]
    (_, gross), *costs, (_, total) = lines
    assert gross - sum(amount for _, amount in costs) == total
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/financial"))
    assert _statement(page) == lines


def test_the_whole_page_shows_the_same_lines_as_the_autosave(ann, plan_id):
    ann.save_step(plan_id, "financial", FINANCIALS)
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/financial"))
    assert ("− Other annual costs", Decimal("2000.00")) in _statement(page)


# ---- 2. no firm advice on too little data ---------------------------------------------------

ANSWERS = {f"{k}": "2" for k in ("disrespect", "scope_creep", "basics_effort")} | {
    k: "2" for k in ("escalations", "dread", "attrition")
}
VALUES = {k: "3" for k in ("reference", "innovation", "knowledge", "energy", "network")} | {
    "prestige": "3",
    "potential": "3",
    "reputation_risk": "1",
}


@pytest.mark.parametrize(
    ("lang", "sentence", "no_advice"),
    [
        ("en", "Fill in the gross margin and the service hours to get advice.", "No advice yet"),
        ("nl", "Vul de brutomarge en de bestede uren in om advies te krijgen.", "Nog geen advies"),
    ],
)
def test_with_only_a_revenue_the_app_says_what_is_missing_instead_of_advising(
    ann, plan_id, lang, sentence, no_advice
):
    ann.switch_language(lang)
    response = ann.save_step(plan_id, "financial", {"annual_revenue": "84000"})
    assert sentence in visible_text(page_text(response))
    ann.save_step(plan_id, "interpersonal", ANSWERS)
    ann.save_step(plan_id, "value", VALUES)
    page = visible_text(page_text(ann.client.get(f"/plans/{plan_id}/steps/decision")))
    assert no_advice in page
    assert sentence in page
    # no rule fired on a contribution of € 0 made of empty fields
    assert not re.search(r"(Rule|Regel) \d van|of 7 fired", page)
    assert not re.search(r"contributes €\s?0|draagt € 0", page)


def test_once_the_inputs_are_there_the_advice_comes_back(ann, plan_id):
    ann.save_step(plan_id, "financial", FINANCIALS)
    ann.save_step(plan_id, "interpersonal", ANSWERS)
    ann.save_step(plan_id, "value", VALUES)
    page = visible_text(page_text(ann.client.get(f"/plans/{plan_id}/steps/decision")))
    assert "No advice yet" not in page
    # 1.7 % contribution: marginal, value 50 → reprice
    assert "Renegotiate rates and terms first" in page


# ---- 3. the transition step reacts as you type ----------------------------------------------


def test_the_transition_results_follow_the_notice_period_as_it_is_typed(ann, plan_id):
    ann.save_step(plan_id, "client", {"client_name": "Acme", "conversation_date": "2026-12-14"})
    response = ann.save_step(plan_id, "transition", {"notice_weeks": "8"})
    assert response.status_code == 200
    fragment = page_text(response)
    assert re.search(r'<aside id="results"[^>]*hx-swap-oob="true"', fragment)
    text = visible_text(fragment)
    assert "8 February 2027" in text  # 14 December 2026 + 8 weeks
    for day in ("8 May 2027", "8 August 2027", "8 February 2028"):
        assert day in text
    assert "Now: 8 February 2027." in text  # the end date's help beside its field, too
    response = ann.save_step(plan_id, "transition", {"notice_weeks": "4"})
    text = visible_text(page_text(response))
    assert "11 January 2027" in text and "11 April 2027" in text


def test_suggested_follow_ups_complete_the_transition_step(ann, plan_id):
    ann.save_step(plan_id, "client", {"client_name": "Acme", "conversation_date": "2026-12-14"})
    response = ann.save_step(plan_id, "transition", {"notice_weeks": "8"})
    assert _done(page_text(response), "transition")
    assert _done(page_text(ann.client.get(f"/plans/{plan_id}/steps/export")), "transition")


def test_the_transition_comes_before_the_script_and_the_script_knows_its_dates(ann, plan_id):
    ann.save_step(plan_id, "client", {"client_name": "Acme", "conversation_date": "2026-12-14"})
    ann.save_step(plan_id, "transition", {"notice_weeks": "8"})
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/transition"))
    stepper = page[page.index('id="stepper"') :]
    assert stepper.index("steps/transition") < stepper.index("steps/script")
    assert 'value="next"' in page
    script = visible_text(page_text(ann.client.get(f"/plans/{plan_id}/steps/script")))
    assert "8 February 2027" in script  # step 6: the end date
    assert "8 May 2027" in script  # step 7: the follow-up moments


@pytest.mark.parametrize(
    ("days", "warned"), [(-30, True), (-1, True), (0, False), (30, False)], ids=str
)
def test_a_conversation_date_in_the_past_is_warned_about_but_saved(app, ann, plan_id, days, warned):
    when = (date.today() + timedelta(days=days)).isoformat()
    response = ann.save_step(plan_id, "client", {"client_name": "Acme", "conversation_date": when})
    assert response.status_code == 200
    assert plan_data(app, plan_id)["conversation_date"] == when
    fragment = page_text(response)
    assert 'id="conversation_date-warning"' in fragment
    assert ("This date is in the past." in fragment) is warned
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/client"))
    assert ("This date is in the past." in page) is warned


def test_the_past_date_warning_is_in_dutch_too(ann, plan_id):
    ann.switch_language("nl")
    response = ann.save_step(
        plan_id, "client", {"client_name": "Acme", "conversation_date": "2020-03-02"}
    )
    assert "Deze datum ligt in het verleden." in page_text(response)


# ---- 4. "don't know" completes the style step -----------------------------------------------


def test_a_contact_whose_style_is_dont_know_completes_the_style_step(app, ann, plan_id):
    ann.save_step(
        plan_id,
        "client",
        {"client_name": "Acme", "contacts-0-name": "Marleen", "contacts-1-name": "Joost"},
    )
    observed = {
        "direct_pick": "S",
        "contacts-0-index": "0",
        "contacts-0-pace": "outgoing",
        "contacts-0-focus": "task",
        "contacts-1-index": "1",
        "contacts-1-pace": "",  # "don't know", chosen
        "contacts-1-focus": "",
    }
    response = ann.save_step(plan_id, "styles", observed)
    assert response.status_code == 200
    contacts = plan_data(app, plan_id)["client"]["contacts"]
    assert [c["disc"] for c in contacts] == ["D", None]
    assert contacts[1]["observed"] == {"pace": "unknown", "focus": "unknown"}
    assert _done(page_text(response), "styles")
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/styles"))
    # shown again as answered: "don't know" chosen for Joost, Marleen's answers as given
    checked = '<input checked id="contacts-{}-{}" name="contacts-{}-{}"'
    assert checked.format(1, "pace-2", 1, "pace") in page
    assert checked.format(1, "focus-2", 1, "focus") in page
    assert checked.format(0, "pace-0", 0, "pace") in page


def test_a_contact_not_looked_at_yet_keeps_the_style_step_open(app, ann, plan_id):
    ann.save_step(
        plan_id,
        "client",
        {"client_name": "Acme", "contacts-0-name": "Marleen", "contacts-1-name": "Joost"},
    )
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/styles"))
    assert not re.search(r'<input checked[^>]*name="contacts-\d-(pace|focus)"', page)
    answered = {"direct_pick": "S", "contacts-0-index": "0", "contacts-1-index": "1"}
    answered |= {"contacts-0-pace": "outgoing", "contacts-0-focus": "task"}
    ann.save_step(plan_id, "styles", answered)
    assert not _done(page_text(ann.client.get(f"/plans/{plan_id}/steps/export")), "styles")
    assert plan_data(app, plan_id)["client"]["contacts"][1]["observed"] == {
        "pace": None,
        "focus": None,
    }


# ---- 6. numbers come back as they were typed --------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "typed", "shown"),
    [
        ("nl", {"annual_revenue": "62.500", "gross_margin_pct": "32,5"}, ("62.500", "32,5")),
        ("nl", {"annual_revenue": "62500", "gross_margin_pct": "32.5"}, ("62.500", "32,5")),
        ("en", {"annual_revenue": "62,500", "gross_margin_pct": "32.5"}, ("62,500", "32.5")),
        ("en", {"annual_revenue": "1250000", "gross_margin_pct": "30"}, ("1,250,000", "30")),
    ],
)
def test_numbers_come_back_formatted_in_the_users_language(ann, plan_id, lang, typed, shown):
    ann.switch_language(lang)
    ann.save_step(plan_id, "financial", typed, htmx=False)
    page = page_text(ann.client.get(f"/plans/{plan_id}/steps/financial"))
    revenue, margin = shown
    assert re.search(rf'name="annual_revenue"[^>]*value="{re.escape(revenue)}"', page)
    assert re.search(rf'name="gross_margin_pct"[^>]*value="{re.escape(margin)}"', page)
    # and saving the page as shown keeps the same numbers
    ann.save_step(plan_id, "financial", {"annual_revenue": revenue, "gross_margin_pct": margin})
    again = page_text(ann.client.get(f"/plans/{plan_id}/steps/financial"))
    assert re.search(rf'name="annual_revenue"[^>]*value="{re.escape(revenue)}"', again)


# ---- 5/6. the delete page stands on its own ---------------------------------------------------


def test_the_full_delete_page_is_a_plain_form_and_the_inline_one_uses_htmx(ann, plan_id):
    page = page_text(ann.client.get(f"/plans/{plan_id}/delete"))
    assert "hx-post" not in page and "hx-get" not in page
    assert f'action="/plans/{plan_id}/delete"' in page
    inline = page_text(ann.client.get(f"/plans/{plan_id}/delete", headers={"HX-Request": "true"}))
    assert 'hx-target="#plan-list"' in inline
