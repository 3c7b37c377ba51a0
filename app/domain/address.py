"""How the user addresses the client: "je" or "u" in Dutch, and first names or not.

Pure functions over the plan's optional `address` section (`{form: "je"|"u", first_names:
bool}`). A plan without it keeps what the app always did: "je" and first names. English has
one form of address, so only the first names apply to an English plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.domain.words import ADDRESS_FORMS, for_address

INFORMAL, FORMAL = ADDRESS_FORMS


def form_of(plan: Mapping[str, Any]) -> str:
    """The plan's form of address: "je" (the default) or "u"."""
    address = plan.get("address") or {}
    form = address.get("form") if isinstance(address, Mapping) else None
    return form if form in ADDRESS_FORMS else INFORMAL


def uses_first_names(plan: Mapping[str, Any]) -> bool:
    """Whether the suggestions call the contact by first name (the default) or by no name."""
    address = plan.get("address") or {}
    return not (isinstance(address, Mapping) and address.get("first_names") is False)


# Words a name may start with that are no first name: then the name is used as typed.
_NOT_FIRST_NAMES = frozenset(
    [
        "mevrouw",
        "meneer",
        "mevr",
        "mw",
        "dhr",
        "de",
        "den",
        "der",
        "het",
        "van",
        "ter",
        "ten",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
    ]
)


def first_name(name: str | None) -> str:
    """The first name in a contact's name as typed ("Marleen de Wit" → "Marleen"); a name
    that starts with a title or a surname prefix ("mevrouw Jansen", "Van Dam") stays whole."""
    words = (name or "").split()
    if not words:
        return ""
    if words[0].rstrip(".").casefold() in _NOT_FIRST_NAMES:
        return " ".join(words)
    return words[0]


def addressed(texts: Any, plan: Mapping[str, Any]) -> Any:
    """Content texts with every Dutch text in both forms of address in the plan's form."""
    return for_address(texts, form_of(plan))
