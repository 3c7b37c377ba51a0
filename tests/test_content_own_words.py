"""The coaching content is written in our own words: no run of eight words is shared with the
Dutch source articles (/work/shared/seeds, or EXITCOACH_SEEDS_DIR), in any content file."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

CONTENT = Path(__file__).resolve().parents[1] / "content"
SEEDS = Path(os.environ.get("EXITCOACH_SEEDS_DIR", "/work/shared/seeds"))
RUN = 8
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _words(text: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in WORD.findall(text)]


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _texts(node, where: str = ""):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, f"{where}.{key}" if where else str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _texts(value, f"{where}[{i}]")
    elif isinstance(node, str):
        yield where, node


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not on this machine")
def test_no_content_text_shares_a_run_of_eight_words_with_the_articles():
    seeds: set[tuple[str, ...]] = set()
    for path in sorted(SEEDS.glob("*.txt")):
        seeds |= _runs(_words(path.read_text(encoding="utf-8")))
    assert seeds, "no source articles read"
    shared = []
    for path in sorted(CONTENT.glob("*/*.yaml")):
        for where, text in _texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            for run in _runs(_words(text)) & seeds:
                shared.append(f"{path.relative_to(CONTENT)} {where}: {' '.join(run)}")
    assert not shared, "\n".join(shared)
