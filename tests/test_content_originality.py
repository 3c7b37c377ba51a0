"""The coaching content is written in our own words: no run of eight words is taken from the
Dutch source articles (the "seeds") the content was researched from.

The seeds are not part of the repository; they sit beside it (`../shared/seeds`, or wherever
EXITCOACH_SEEDS points). Without them the check cannot run: on a developer's machine it is
skipped, in CI (env CI set) it fails, so a CI run never passes without having checked.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
RUN = 8  # words in a row that may not be shared with a seed
SEEDS = Path(os.environ.get("EXITCOACH_SEEDS") or ROOT.parent / "shared" / "seeds")


def words(text: str) -> list[str]:
    """The words of a text, lower case, without punctuation ("Wég," → "wég")."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.findall(r"[^\W_]+", text)


def runs(text: str, size: int = RUN) -> set[tuple[str, ...]]:
    found = words(text)
    return {tuple(found[i : i + size]) for i in range(len(found) - size + 1)}


def _strings(node, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield where, node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{where}[{i}]")


def shipped_texts() -> Iterator[tuple[str, str]]:
    """Every text the app can show or print: (where, text). The content files of both
    languages, the example plans and the Dutch interface translations."""
    for lang in ("nl", "en"):
        for path in sorted((ROOT / "content" / lang).glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            yield from _strings(data, f"content/{lang}/{path.name}:")
    for path in sorted((ROOT / "content" / "examples").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        yield from _strings(data, f"content/examples/{path.name}:")
    po = ROOT / "app" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        for text in message.string if isinstance(message.string, tuple) else [message.string]:
            if text:
                yield f"messages.po: {msgid}", text


def seed_runs() -> dict[tuple[str, ...], str]:
    """Each run of eight words in the seeds, with the seed file it comes from."""
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        message = (
            f"the seed articles are not at {SEEDS}: set EXITCOACH_SEEDS to their folder to check "
            "that no content copies eight words in a row from them"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    found: dict[tuple[str, ...], str] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        for run in runs(path.read_text(encoding="utf-8")):
            found.setdefault(run, path.name)
    return found


def test_words_are_read_without_case_or_punctuation():
    assert " ".join(words("Wég met die klanten! ‘Dat klinkt…’")) == "wég met die klanten dat klinkt"
    assert runs("een twee drie", size=2) == {("een", "twee"), ("twee", "drie")}


def test_no_text_shares_eight_words_in_a_row_with_a_seed():
    seeds = seed_runs()
    copied = []
    for where, text in shipped_texts():
        for run in sorted(runs(text) & seeds.keys()):
            copied.append(f"{where} “{' '.join(run)}” ({seeds[run]})")
    assert not copied, "content copied from the seeds:\n" + "\n".join(copied)


def test_a_seed_sentence_is_caught_whatever_its_case_and_punctuation():
    seeds = seed_runs()
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    sentence = max(seed.split("."), key=lambda part: len(words(part)))
    disguised = sentence.upper().replace(" ", " … ", 3).replace(",", ";")
    assert runs(disguised) & seeds.keys()
