"""The coaching texts of the alternatives, value, decision and attention sections are our own
words: no run of eight words is shared with the source articles (shared/seeds/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.report_helpers import content

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"
RUN = 8
SECTIONS = [
    ("decide", "alternatives"),
    ("decide", "value"),
    ("decide", "recommendations"),
    ("decide", "rules"),
    ("decide", "decision"),
    ("prepare", "attention"),
]


def words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.casefold().replace("’", "'"))


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


def texts_in(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for value in node.values() for t in texts_in(value)]
    if hasattr(node, "forms"):  # a plural text
        return list(node.forms.values())
    return []


@pytest.fixture(scope="module")
def seed_runs() -> set[tuple[str, ...]]:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        pytest.skip("the source articles (shared/seeds/) are not beside this checkout")
    found: set[tuple[str, ...]] = set()
    for path in files:
        found |= runs(path.read_text(encoding="utf-8"))
    return found


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize(("file", "section"), SECTIONS)
def test_no_run_of_eight_words_comes_from_the_articles(seed_runs, lang, file, section):
    node = content().texts[lang][file][section]
    shared = [" ".join(run) for text in texts_in(node) for run in runs(text) if run in seed_runs]
    assert not shared, shared


def test_the_check_would_catch_a_copied_sentence(seed_runs):
    copied = next(iter(seed_runs))
    assert runs(" ".join(copied)) & seed_runs
