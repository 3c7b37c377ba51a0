"""Findings of a visual review of the screens and printed documents, in both languages."""

from __future__ import annotations

import re

import pytest

from tests.conftest import example_plan

EXAMPLES = {
    "nl": ("nl-van-dijk-installatietechniek", "van 5"),
    "en": ("en-northwind-retail", "out of 5"),
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_answer_breaks_before_its_bracket_never_inside_it(ann, lang):
    """In the answers column "Helemaal niet (1 van 5)" once broke as "(1 van / 5)"."""
    example, of = EXAMPLES[lang]
    plan_id = ann.import_plan(example_plan(example))
    html = ann.client.get(f"/plans/{plan_id}/preview/plan").get_data(as_text=True)
    answers = re.findall(r'<td class="answer">(.*?)</td>', html, flags=re.S)
    assert answers
    for answer in answers:
        assert re.fullmatch(rf'[^<(]+ <span class="nowrap">\(\d {of}\)</span>', answer), answer
