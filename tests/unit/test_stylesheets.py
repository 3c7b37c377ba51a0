"""The stylesheets are whole: every block that opens also closes.

A merge once dropped the two closing braces of an `@media print` block in app.css; every rule
after it (the clients table, the import, the balance) then applied only in print, and the
clients table ran off the side of the screen. Browsers say nothing about it, so this test does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = sorted((Path(__file__).resolve().parents[2] / "static" / "css").glob("*.css"))


def _depths(text: str) -> tuple[int, int]:
    """The nesting depth at the end of the text and the lowest depth reached (comments and
    strings left out)."""
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '""', text)
    depth = lowest = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            lowest = min(lowest, depth)
    return depth, lowest


@pytest.mark.parametrize("path", CSS, ids=[p.name for p in CSS])
def test_every_block_of_the_stylesheet_is_closed(path):
    assert _depths(path.read_text(encoding="utf-8")) == (0, 0)


def test_a_block_left_open_is_caught():
    assert _depths("@media print {\n  .a {\n    display: block;\n\n.b { color: red; }\n") == (2, 0)
