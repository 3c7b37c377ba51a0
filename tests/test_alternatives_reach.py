"""Every alternative reaches the screen and the documents (issue 11, part 3).

The other alternatives tests follow the example cases' alternatives and a few kinds. Here
each kind is weighed in an exit plan (the printed plan says when it fits and when not), and
each kind is the alternative a kept client goes on with: the attention step and the decision
memo then prepare its own conversation, with what to agree and how to tell it worked.
"""

from __future__ import annotations

import copy

import pytest

from app.domain.keys import ALTERNATIVE_KINDS
from app.domain.talks import talk_kind
from tests.conftest import example_plan
from tests.helpers import page_text, visible_text
from tests.report_helpers import content, flat, printed

LANGS = ["en", "nl"]
REVIEW = {"en": "30 June 2027", "nl": "30 juni 2027"}


def _alternatives(lang: str) -> dict:
    return content().texts[lang]["decide"]["alternatives"]


def _opening(text: str) -> str:
    """A suggestion up to its first figure, which the analysis fills in."""
    return flat(text.split("{", 1)[0])


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_weighed_in_an_exit_plan_prints_when_it_fits_and_when_not(lang):
    plan = copy.deepcopy(example_plan("en-northwind-retail"))
    plan["language"] = lang
    plan["alternatives"] = [{"kind": kind, "status": "rejected"} for kind in ALTERNATIVE_KINDS]
    text = flat("\n".join(printed(plan)))
    alternatives = _alternatives(lang)
    labels = alternatives["criteria"]
    for kind in ALTERNATIVE_KINDS:
        texts = alternatives["kinds"][kind]
        assert flat(texts["label"]) in text, kind
        assert flat(f"{labels['fits']}: {texts['fits']}") in text, kind
        assert flat(f"{labels['not_fits']}: {texts['not_fits']}") in text, kind


def _kept(kind: str, lang: str) -> dict:
    plan = copy.deepcopy(example_plan("en-oakfield-hardware-reprice"))
    plan["language"] = lang
    plan["next_talk"] = {"alternative": kind, "review_date": "2027-06-30"}
    return plan


def _expected(kind: str, lang: str) -> list[str]:
    alternatives = _alternatives(lang)
    texts, talks = alternatives["kinds"][kind], alternatives["talks"]
    talk = talks["kinds"][talk_kind(kind)]
    return [
        flat(f"{talk['title']}: {texts['label']}"),
        _opening(talk["key_message"]),
        flat(texts["agree"]),
        flat(texts["review"]),
        talks["review"].format(date=REVIEW[lang]),
    ]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ALTERNATIVE_KINDS)
def test_each_alternative_prepares_its_conversation_on_the_attention_step(ann, kind, lang):
    plan_id = ann.import_plan(_kept(kind, lang))
    ann.switch_language(lang)
    response = ann.client.get(f"/plans/{plan_id}/steps/attention")
    assert response.status_code == 200
    page = flat(visible_text(page_text(response)))
    for text in _expected(kind, lang):
        assert text in page, (kind, text)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", ALTERNATIVE_KINDS)
def test_each_alternative_prepares_its_conversation_in_the_decision_memo(kind, lang):
    text = flat("\n".join(printed(_kept(kind, lang))))
    for expected in _expected(kind, lang):
        assert expected in text, (kind, expected)
