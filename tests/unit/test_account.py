"""The account's rules without an app: naming a browser, when a login's use is written, the
download's layout and README, and what deleting an account lists."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.account import (
    CoachedWorkshop,
    Deletion,
    Device,
    ExportPlan,
    ExportSummary,
    deletion_items,
    describe_user_agent,
    export_entries,
    needs_touch,
    readme_text,
    stored_user_agent,
    without_member,
)

AGENTS = [
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
     Device("Firefox", "Windows")),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0", Device("Edge", "Windows")),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) Version/17.5 Safari/605.1.15", Device("Safari", "macOS")),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
     "like Gecko) CriOS/126.0 Mobile/15E148 Safari/604.1", Device("Chrome", "iPhone")),
    ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/126.0.0.0 Mobile Safari/537.36", Device("Chrome", "Android")),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "HeadlessChrome/126.0 Safari/537.36", Device("Chrome", "Linux")),
    ("curl/8.5.0", Device(None, None)),
    (None, Device(None, None)),
]  # fmt: skip


@pytest.mark.parametrize(("agent", "device"), AGENTS)
def test_a_user_agent_becomes_a_browser_and_a_system(agent, device):
    assert describe_user_agent(agent) == device


def test_a_stored_user_agent_is_printable_and_fits_its_column():
    assert stored_user_agent("Firefox\x00\x1b[31m" + "x" * 300) == ("Firefox[31m" + "x" * 189)
    assert stored_user_agent("") is None


def test_a_login_is_touched_only_every_five_minutes():
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert needs_touch(None, now)
    assert not needs_touch(now - timedelta(minutes=4, seconds=59), now)
    assert needs_touch(now - timedelta(minutes=5), now)


def plan(n: int, name: str) -> ExportPlan:
    return ExportPlan(n, name, {"format": "exitcoach-plan/1"}, date(2026, 11, 30))


def test_every_plan_gets_a_numbered_folder_of_its_own():
    plans = [plan(7, "Bakker & Zonen"), plan(9, "Bakker & Zonen"), plan(12, "Ölie")]
    entries = export_entries(plans, lambda p: f"exitplan-{p.id}.pdf")
    assert [(e.folder, e.plan_file, e.pdf_file) for e in entries] == [
        ("plans/001-bakker-zonen", "plans/001-bakker-zonen/bakker-zonen.json",
         "plans/001-bakker-zonen/exitplan-7.pdf"),
        ("plans/002-bakker-zonen", "plans/002-bakker-zonen/bakker-zonen.json",
         "plans/002-bakker-zonen/exitplan-9.pdf"),
        ("plans/003-olie", "plans/003-olie/olie.json", "plans/003-olie/exitplan-12.pdf"),
    ]  # fmt: skip
    many = export_entries([plan(i, "x") for i in range(1200)], lambda p: "p.pdf")
    assert many[0].folder == "plans/0001-x"


WORDS = {
    key: key.upper()
    for key in [
        "title",
        "plans_heading",
        "plans",
        "plan_file",
        "plan_pdf",
        "portfolio_heading",
        "portfolio",
        "contents_heading",
        "no_plans",
        "private",
    ]
}


def test_the_readme_says_what_is_in_the_file():
    entries = export_entries([plan(1, "Bakker & Zonen")], lambda p: "a.pdf")
    summary = ExportSummary("ann@example.com", datetime.now(UTC), 1, 2, "portfolio.csv", entries)
    words = {**WORDS, "made": "Made for %(email)s on %(when)s."}
    text = readme_text(summary, words, "1 December 2026")
    lines = text.split("\r\n")
    assert lines[:4] == ["TITLE", "=====", "", "Made for ann@example.com on 1 December 2026."]
    assert "- Bakker & Zonen: plans/001-bakker-zonen/" in lines
    assert "NO_PLANS" not in lines
    empty = ExportSummary("a@b.nl", datetime.now(UTC), 0, 0, "portfolio.csv", [])
    assert "NO_PLANS" in readme_text(empty, words, "today").split("\r\n")


def test_the_deletion_list_names_only_what_the_account_has():
    deletion = Deletion(
        plans=3,
        portfolio_clients=0,
        snapshots=0,
        workshops=[CoachedWorkshop("March", 12, True), CoachedWorkshop("April", 3, False)],
        memberships=1,
        logins=2,
    )
    assert deletion_items(deletion) == [
        ("account", 1), ("plans", 3), ("workshops", 2), ("memberships", 1), ("logins", 2)
    ]  # fmt: skip
    assert deletion.participants_affected == 15


def test_leaving_a_group_keeps_the_others_in_order():
    assert without_member([4, 9, 2], 9) == [4, 2]
    assert without_member([4, 2], 9) == [4, 2]
