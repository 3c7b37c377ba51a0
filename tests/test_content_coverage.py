"""Every concept of the content inventory has its place in the app: docs/content-coverage.md
names, per concept, the content keys that cover it, and each of those keys exists with text in
both languages. A concept left out, or a key renamed without the map, fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.report_helpers import content

ROOT = Path(__file__).resolve().parents[1]
MAP = ROOT / "docs" / "content-coverage.md"
ROW = re.compile(r"^\| (C(\d+)) [^|]+\| (.+) \|$")
KEY = re.compile(r"`([a-z]+):([\w.-]+)`")


def rows() -> dict[str, str]:
    found = {}
    for line in MAP.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            found[match.group(1)] = match.group(3)
    return found


def texts_under(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for value in node.values() for text in texts_under(value)]
    if isinstance(node, list):
        return [text for value in node for text in texts_under(value)]
    forms = getattr(node, "forms", None)  # a plural text or a text in both forms of address
    if isinstance(forms, dict):
        return [text for value in forms.values() for text in texts_under(value)]
    return [str(node)] if node else []


def test_every_concept_of_the_inventory_is_placed():
    assert sorted(rows(), key=lambda c: int(c[1:])) == [f"C{n:02d}" for n in range(1, 10)] + [
        f"C{n}" for n in range(10, 109)
    ]


def test_only_editorial_concepts_go_without_a_content_key():
    """The portfolio concepts (C06, C34, C42–C57) have their keys since the portfolio landed."""
    for concept, where in rows().items():
        if not KEY.search(where):
            assert where.startswith("editorial"), concept


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_key_the_map_names_exists_with_text(lang):
    texts = content().texts[lang]
    missing = []
    for concept, where in rows().items():
        for file, dotted in KEY.findall(where):
            node = texts.get(file)
            for part in dotted.split("."):
                node = node.get(part) if isinstance(node, dict) else None
            if not node or not all(t.strip() for t in texts_under(node)):
                missing.append(f"{concept}: {file}:{dotted}")
    assert not missing, missing
