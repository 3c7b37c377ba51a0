"""Words that follow the language: plural forms, lists joined with "en"/"and", whole sentences.

Pure functions used wherever a sentence is composed from content texts, figures and the user's
own words (the explanations, the DISC advice, the script suggestions, the screens), so that a
count of 1 reads "1 toets" and not "1 toetsen", a list reads "A, B en C", and a sentence that
already ends in a full stop does not get a second one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.lists import format_list

from app.domain.numbers import LOCALES

# The plural categories of CLDR; a content entry whose keys are all among these is a plural text.
CATEGORIES = ("zero", "one", "two", "few", "many", "other")
_ENDINGS = (".", "!", "?", "…")
_CLOSING = "\"'”’»)"


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, lang))


def plural_categories(lang: str) -> frozenset[str]:
    """The plural categories `lang` distinguishes, e.g. {"one", "other"} for Dutch and English."""
    return frozenset(_locale(lang).plural_form.tags) | {"other"}


def plural_category(n: int | float | Decimal, lang: str) -> str:
    """The CLDR plural category of the number n in `lang` (Babel's plural rules)."""
    return _locale(lang).plural_form(abs(n))


class Plural(Mapping[str, str]):
    """A text with one form per plural category of its language, e.g. {one: …, other: …}.

    `pick(n)` gives the form for n; `format(count=n, …)` picks by `count` and fills in the
    placeholders, so code that formats a counted text gets the right form without knowing
    which texts have forms. It reads as the mapping of its forms too (`forms["one"]`), and as a
    plain string it is its "other" form.
    """

    __slots__ = ("forms", "lang")

    def __init__(self, lang: str, forms: Mapping[str, str]):
        self.lang = lang
        self.forms = dict(forms)

    def pick(self, n: int | float | Decimal) -> str:
        return self.forms.get(plural_category(n, self.lang), self.forms["other"])

    def format(self, count: int | float | Decimal, **values: Any) -> str:
        return self.pick(count).format(count=count, **values)

    def __getitem__(self, key: str) -> str:
        return self.forms[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.forms)

    def __len__(self) -> int:
        return len(self.forms)

    def __str__(self) -> str:
        return self.forms["other"]

    def __repr__(self) -> str:
        return f"Plural({self.lang!r}, {self.forms!r})"


def pick(text: str | Plural, n: int | float | Decimal) -> str:
    """The form of `text` for n: a plain text is the same for every number."""
    return text.pick(n) if isinstance(text, Plural) else text


def join_words(items: Iterable[Any], lang: str) -> str:
    """Items as a list in `lang`: "A, B en C" in Dutch, "A, B and C" in English; "" for none."""
    words = [str(item) for item in items if str(item).strip()]
    return format_list(words, style="standard", locale=_locale(lang)) if words else ""


def _strip(text: str | None) -> str:
    return " ".join((text or "").split())


def ends_sentence(text: str) -> bool:
    """Whether `text` already ends like a sentence (".", "!", "?", "…", also inside quotes)."""
    return _strip(text).rstrip(_CLOSING).endswith(_ENDINGS)


def sentence(text: str | None) -> str:
    """`text` as a whole sentence: trimmed, with one full stop at the end unless it has one."""
    text = _strip(text)
    if not text or ends_sentence(text):
        return text
    return text.rstrip(",;:") + "."


def clause(text: str | None) -> str:
    """`text` ready to go inside a sentence that ends with its own full stop: trailing full
    stops, commas and semicolons are taken off ("Bakker B.V." + "." stays "Bakker B.V.")."""
    return _strip(text).rstrip(" .,;:")


def lower_first(text: str) -> str:
    """The text with a lower-case first letter, for a content phrase that follows a colon."""
    return text[:1].lower() + text[1:] if text else text


_DOUBLE_STOP = re.compile(r"(?<![.])([.!?…])\s?\.(?![.])")


def tidy(text: str) -> str:
    """A composed text with single spaces and no doubled full stop: "..", ". ." and "?." lose
    the extra stop (an ellipsis "..." is left alone)."""
    return _DOUBLE_STOP.sub(r"\1", _strip(text))


# The forms of address a Dutch plan can use towards the client: informal "je" and formal "u".
ADDRESS_FORMS = ("je", "u")


class Addressed(Mapping[str, Any]):
    """A Dutch text the user may say to the client, in both forms of address: {je: …, u: …}.

    Each form is a plain text or a `Plural`. English has one form of address, so English
    content has no `Addressed` texts; `for_address` turns every one of them into the form a
    plan uses before any sentence is composed, so the code that composes does not know
    about je and u at all.
    """

    __slots__ = ("forms",)

    def __init__(self, forms: Mapping[str, Any]):
        self.forms = dict(forms)

    def pick(self, form: str) -> Any:
        return self.forms[form if form in self.forms else ADDRESS_FORMS[0]]

    def __getitem__(self, key: str) -> Any:
        return self.forms[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.forms)

    def __len__(self) -> int:
        return len(self.forms)

    def __repr__(self) -> str:
        return f"Addressed({self.forms!r})"


def for_address(texts: Any, form: str) -> Any:
    """`texts` (a content section) with every `Addressed` text in the given form of address."""
    if isinstance(texts, Addressed):
        return texts.pick(form)
    if isinstance(texts, Plural):
        return texts
    if isinstance(texts, Mapping):
        return {key: for_address(value, form) for key, value in texts.items()}
    if isinstance(texts, list):
        return [for_address(value, form) for value in texts]
    return texts
