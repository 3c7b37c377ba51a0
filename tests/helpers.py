"""Reading pages the way a person does: the visible text, not the markup."""

from __future__ import annotations

from html.parser import HTMLParser

VISIBLE_ATTRIBUTES = ("aria-label", "title", "placeholder", "data-label", "alt", "value")


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if (
                name in VISIBLE_ATTRIBUTES
                and value
                and not (tag == "input" and ("type", "hidden") in attrs)
            ):
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.parts.append(" ".join(data.split()))


def visible_text(html: str) -> str:
    """The text a reader sees or hears: text nodes plus labels such as aria-label and title."""
    collector = _TextCollector()
    collector.feed(html)
    return "\n".join(collector.parts)


def page_text(response) -> str:
    """A response's HTML, with the no-break spaces of money and dates made plain spaces."""
    return response.get_data(as_text=True).replace("\u00a0", " ").replace("\u202f", " ")


def plan_data(app, plan_id: int) -> dict:
    """The plan document as stored."""
    from app.extensions import db
    from app.models import Plan

    with app.app_context():
        return db.session.get(Plan, plan_id).data
