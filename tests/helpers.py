"""Reading pages the way a person does: the visible text, not the markup."""

from __future__ import annotations

import io
from html.parser import HTMLParser

# The seven steps of the conversation, as the English interface and documents name them.
SEVEN_STEPS = (
    "An individual approach",
    "Frame it well",
    "Explain the logic",
    "Expect an emotional reaction",
    "Apologise and show empathy",
    "Help with the transition",
    "Stay in contact",
)

VISIBLE_ATTRIBUTES = ("aria-label", "title", "placeholder", "data-label", "alt", "value")


def _shows_value(tag: str, attrs) -> bool:
    """Whether a `value` is on the screen: in a text field or an input button, yes; an option's,
    a button's, a checkbox's or radio's, or a hidden field's value is sent, not shown."""
    kind = dict(attrs).get("type", "text")
    return tag == "input" and kind not in ("hidden", "checkbox", "radio")


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
                and (name != "value" or _shows_value(tag, attrs))
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


def pdf_text(body: bytes) -> str:
    """The text of a PDF as a reader sees it, with no-break spaces made plain spaces."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def pdf_pages(body: bytes) -> list[str]:
    """The text of each page of a PDF."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    return [(p.extract_text() or "").replace("\u00a0", " ") for p in reader.pages]


def pdf_fonts(body: bytes) -> list[tuple[str, bool]]:
    """Every font of a PDF with whether its font file is embedded."""
    from pypdf import PdfReader

    fonts = {}
    for page in PdfReader(io.BytesIO(body)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptors = [font.get("/FontDescriptor")]
            for child in font.get("/DescendantFonts") or []:
                descriptors.append(child.get_object().get("/FontDescriptor"))
            embedded = any(
                d is not None
                and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                for d in descriptors
            )
            fonts[str(font.get("/BaseFont"))] = embedded
    return sorted(fonts.items())


def plan_urls(plan_id: int) -> list[str]:
    """Every page of a plan: each step, the plan page, the previews and PDFs (app/plans/
    exports.py), the calendar and the plan file. A step the plan does not have (the attention
    plan of an exit) redirects to the plan page: follow redirects."""
    from app.domain.steps import ALL_STEPS, AVAILABLE

    steps = [f"/plans/{plan_id}/steps/{sid}" for sid, _ in ALL_STEPS if sid in AVAILABLE]
    return [
        f"/plans/{plan_id}",
        *steps,
        f"/plans/{plan_id}/preview/plan",
        f"/plans/{plan_id}/preview/card",
        f"/plans/{plan_id}/plan.pdf",
        f"/plans/{plan_id}/card.pdf",
        f"/plans/{plan_id}/calendar.ics",
        f"/plans/{plan_id}/export.json",
    ]
