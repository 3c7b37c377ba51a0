"""Printing a plan straight to PDF text, without the web app: for the report tests."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from tests.helpers import pdf_pages

TODAY = date(2026, 11, 26)


@lru_cache(maxsize=1)
def content():
    from app.content import load_content

    return load_content()


def printed(plan: dict, which: str = "plan") -> list[str]:
    """The text of each page of the printed document (`plan` or `card`)."""
    from app.pdf import documents

    report = documents.report_for(plan, content(), TODAY)
    return pdf_pages(documents.pdf_for_report(report, which))


def flat(text: str) -> str:
    """Text with its line breaks and no-break spaces as single spaces."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
