"""The account and its data (issue 14), without Flask or the database: which browser a login
was made in, when a login's last use is worth writing down, what the data download holds and
how its README reads, and what deleting an account removes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

# A login's last use is written at most this often: one UPDATE per login per five minutes,
# not one per request.
TOUCH_INTERVAL = timedelta(minutes=5)
USER_AGENT_LENGTH = 200  # the width of login_sessions.user_agent

# Checked in order: Edge and Opera also say "Chrome", Chrome also says "Safari".
BROWSERS = (
    ("Edg", "Edge"),
    ("OPR", "Opera"),
    ("Firefox", "Firefox"),
    ("FxiOS", "Firefox"),
    ("SamsungBrowser", "Samsung Internet"),
    ("CriOS", "Chrome"),
    ("Chromium", "Chromium"),
    ("Chrome", "Chrome"),
    ("Safari", "Safari"),
)
SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("Macintosh", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
)


@dataclass(frozen=True)
class Device:
    """A login's browser and system as people name them ("Firefox", "Windows"); None when
    the User-Agent does not say."""

    browser: str | None
    system: str | None


def describe_user_agent(user_agent: str | None) -> Device:
    """'Mozilla/5.0 (Windows NT 10.0; …) Gecko/20100101 Firefox/128.0' → Firefox on Windows.

    Only the well-known names are recognised; anything else is unknown rather than guessed, so
    the list of logins never shows a made-up name."""
    text = user_agent or ""
    browser = next((name for token, name in BROWSERS if token in text), None)
    system = next((name for token, name in SYSTEMS if token in text), None)
    return Device(browser, system)


def stored_user_agent(user_agent: str | None) -> str | None:
    """The User-Agent as kept with a login: printable characters only, cut to the column."""
    if not user_agent:
        return None
    printable = "".join(ch for ch in user_agent if ch.isprintable())
    return printable[:USER_AGENT_LENGTH] or None


def needs_touch(last_seen: datetime | None, now: datetime) -> bool:
    """Whether a login's last use should be written now (never written, or TOUCH_INTERVAL old)."""
    return last_seen is None or now - last_seen >= TOUCH_INTERVAL


def slug(text: str, fallback: str = "plan") -> str:
    """A file-name-safe version of a name: 'Bakker & Zonen' → 'bakker-zonen'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60] or fallback


@dataclass(frozen=True)
class ExportPlan:
    """One plan as the download takes it: read from the database before anything is written."""

    id: int
    client_name: str
    document: dict
    updated: date


@dataclass(frozen=True)
class ExportEntry:
    """One plan's place in the ZIP: its folder, and the names of its plan file and its PDF."""

    plan: ExportPlan
    folder: str
    plan_file: str
    pdf_file: str


def export_entries(
    plans: Sequence[ExportPlan], pdf_name: Callable[[ExportPlan], str]
) -> list[ExportEntry]:
    """Every plan in its own numbered folder ('plans/001-acme-logistics/'), so two plans for
    clients of the same name never overwrite each other; `pdf_name` names the plan's PDF as
    its own download button does."""
    width = max(3, len(str(len(plans))))
    entries = []
    for number, plan in enumerate(plans, start=1):
        folder = f"plans/{number:0{width}d}-{slug(plan.client_name)}"
        entries.append(
            ExportEntry(
                plan,
                folder,
                f"{folder}/{slug(plan.client_name)}.json",
                f"{folder}/{pdf_name(plan)}",
            )
        )
    return entries


def archive_name(prefix: str, today: date) -> str:
    """'exitcoach-data-2026-12-01.zip' (the prefix in the user's language)."""
    return f"{prefix}-{today.isoformat()}.zip"


@dataclass(frozen=True)
class ExportSummary:
    email: str
    made: datetime
    plans: int
    portfolio_clients: int
    csv_name: str
    entries: Sequence[ExportEntry]


def readme_text(summary: ExportSummary, words: Mapping[str, str], when: str) -> str:
    """The README.txt at the top of the ZIP, in the user's language: what is in it and how to
    use it. `words` are the translated sentences (with %(name)s placeholders), `when` the
    moment the download was made, written out in the user's language. The counted sentences
    come in whole (their plural forms are the language's business)."""
    lines = [
        words["title"],
        "=" * len(words["title"]),
        "",
        words["made"] % {"email": summary.email, "when": when},
        "",
        words["plans_heading"],
        words["plans"],
        words["plan_file"],
        words["plan_pdf"],
        "",
        words["portfolio_heading"],
        words["portfolio"],
        "",
        words["contents_heading"],
    ]
    lines += [f"- {entry.plan.client_name}: {entry.folder}/" for entry in summary.entries]
    if not summary.entries:
        lines.append(words["no_plans"])
    lines += ["", words["private"], ""]
    return "\r\n".join(lines)


@dataclass(frozen=True)
class CoachedWorkshop:
    title: str
    participants: int
    open: bool


@dataclass(frozen=True)
class Deletion:
    """What deleting an account removes, counted, for the page that asks to confirm it."""

    plans: int
    portfolio_clients: int
    snapshots: int
    workshops: Sequence[CoachedWorkshop]  # those the user created: they go, with their groups
    memberships: int  # workshops of others the user joined (as participant or co-coach)
    logins: int

    @property
    def participants_affected(self) -> int:
        """How many people lose a workshop they were in (their own plans stay theirs)."""
        return sum(w.participants for w in self.workshops)


def deletion_items(deletion: Deletion) -> list[tuple[str, int]]:
    """The list the confirmation page shows, as (what, how many), in a fixed order; kinds the
    account has none of are left out, the account itself is always there."""
    counted = [
        ("plans", deletion.plans),
        ("portfolio_clients", deletion.portfolio_clients),
        ("snapshots", deletion.snapshots),
        ("workshops", len(deletion.workshops)),
        ("memberships", deletion.memberships),
        ("logins", deletion.logins),
    ]
    return [("account", 1)] + [(kind, n) for kind, n in counted if n]


def without_member(member_ids: Sequence[int], user_id: int) -> list[int]:
    """A role-play group's members once `user_id` has gone (the others keep their order)."""
    return [member for member in member_ids if member != user_id]
