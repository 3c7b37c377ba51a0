"""The coaching content is written in our own words: no run of eight words is taken from the
Dutch source articles (the "seeds") the content was researched from.

The seeds are not part of the repository (they sit beside it, in `../shared/seeds`, or wherever
EXITCOACH_SEEDS points). What the repository keeps is a fingerprint of them:
tests/data/seed-runs.txt holds a short hash of every run of eight words in the seeds, never the
words, so the check runs everywhere, CI on a clean clone included. Where the seeds are present, a
test checks that the fingerprint is still theirs; `python -m tests.test_content_originality`
writes it again after the seeds change.
"""

from __future__ import annotations

import hashlib
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
FINGERPRINT = ROOT / "tests" / "data" / "seed-runs.txt"


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


def fingerprint(run: tuple[str, ...]) -> str:
    """A short hash of a run of words: enough to recognise it, impossible to read it back."""
    return hashlib.blake2b(" ".join(run).encode(), digest_size=6).hexdigest()


def seeds_present() -> bool:
    return SEEDS.is_dir() and any(SEEDS.glob("*.txt"))


def fingerprint_of_seeds() -> list[str]:
    found = set()
    for path in sorted(SEEDS.glob("*.txt")):
        found |= {fingerprint(run) for run in runs(path.read_text(encoding="utf-8"))}
    return sorted(found)


def seed_runs() -> set[str]:
    """The fingerprints of every run of eight words in the seeds."""
    return set(FINGERPRINT.read_text(encoding="ascii").split())


def test_words_are_read_without_case_or_punctuation():
    assert " ".join(words("Wég met die klanten! ‘Dat klinkt…’")) == "wég met die klanten dat klinkt"
    assert runs("een twee drie", size=2) == {("een", "twee"), ("twee", "drie")}


def test_no_text_shares_eight_words_in_a_row_with_a_seed():
    seeds = seed_runs()
    assert len(seeds) > 5000  # the five articles: some 6,500 words
    copied = []
    for where, text in shipped_texts():
        for run in sorted(run for run in runs(text) if fingerprint(run) in seeds):
            copied.append(f"{where} “{' '.join(run)}”")
    assert not copied, "content copied from the seeds:\n" + "\n".join(copied)


def test_a_copied_sentence_is_caught_whatever_its_case_and_punctuation():
    original = "wie een klant laat gaan moet dat in een gesprek van mens tot mens doen"
    seeds = {fingerprint(run) for run in runs(original)}
    disguised = "Wie een KLANT laat gaan, moet dat – in een gesprek – van mens tot mens doen!"
    assert any(fingerprint(run) in seeds for run in runs(disguised))


def test_the_fingerprint_is_that_of_the_seeds():
    if not seeds_present():
        pytest.skip(f"the seed articles are not at {SEEDS} (set EXITCOACH_SEEDS)")
    assert sorted(seed_runs()) == fingerprint_of_seeds(), (
        "the seeds changed: run `python -m tests.test_content_originality` to fingerprint them"
    )


if __name__ == "__main__":
    FINGERPRINT.parent.mkdir(exist_ok=True)
    FINGERPRINT.write_text("\n".join(fingerprint_of_seeds()) + "\n", encoding="ascii")
    print(f"wrote {FINGERPRINT}")
