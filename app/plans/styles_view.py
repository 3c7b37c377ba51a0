"""What the step "your style and theirs" shows beside and below its form, in the UI language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from app.domain import disc


def styles_view(data: Mapping[str, Any], texts: Mapping[str, Any]) -> dict:
    """Your style (picked or from the self-check); per contact their style, the note for your
    pair and what you tend to do under pressure with them; with several contacts who hears it
    first; and the order of the four style profiles, this plan's styles first.

    `texts` is the `styles` section of prepare.yaml in the interface language."""
    styles = data.get("styles") or {}
    mine = (data.get("owner") or {}).get("disc")
    contacts = (data.get("client") or {}).get("contacts") or []
    theirs = []
    for i, contact in enumerate(contacts):
        name = contact.get("name") or _("Contact person %(n)d", n=i + 1)
        style = contact.get("disc")
        theirs.append(
            {
                "name": name,
                "style": style,
                "advice": disc.pair_advice(mine, style, name, texts),
                "pressure": disc.under_pressure(mine, style, name, texts),
            }
        )
    telling = [
        {"name": theirs[i]["name"], "role": contacts[i].get("role") or "", "why": why}
        for i, why in disc.telling_plan(contacts, texts["several"])
    ]
    return {
        "mine": mine,
        "from_self_check": bool(mine) and not styles.get("direct_pick"),
        "theirs": theirs,
        "telling": telling,
        "profiles": _profiles(mine, theirs),
        "kinds": texts["kinds"],
        "labels": texts["labels"],
        "several": texts["several"],
        "pressure_all": [
            {
                "style": style,
                "line": disc.under_pressure(mine, style, texts["labels"]["the_other"], texts),
            }
            for style in disc.STYLES
        ]
        if mine in disc.STYLES
        else [],
    }


def _profiles(mine: Any, theirs: list[dict]) -> list[dict]:
    """The four styles, those of this plan's contacts first, then yours, then the others;
    each with the names of whom it describes."""
    order = [p["style"] for p in theirs if p["style"] in disc.STYLES]
    if mine in disc.STYLES:
        order.append(mine)
    order += list(disc.STYLES)
    seen = list(dict.fromkeys(order))
    return [
        {
            "style": style,
            "names": [p["name"] for p in theirs if p["style"] == style],
            "mine": style == mine,
        }
        for style in seen
    ]
