"""What a user does with the portfolio's client list, as one-liners for the tests."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

from tests.conftest import csrf_token

DATA = Path(__file__).resolve().parent / "data"
EXCEL_NL = DATA / "portfolio-excel-nl.csv"


def upload(actions, body: bytes, filename: str = "clients.csv"):
    """Choose a file on /portfolio/import and ask for the preview."""
    token = csrf_token(actions.client, "/portfolio/import")
    return actions.client.post(
        "/portfolio/import",
        data={"csrf_token": token, "csv_file": (io.BytesIO(body), filename)},
        content_type="multipart/form-data",
    )


def words(response) -> str:
    """A page's markup with entities decoded and every run of white space one plain space:
    what a reader sees, with the tags still there to tell where."""
    text = response.get_data(as_text=True).replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(html.unescape(text).split())


def _html(page) -> str:
    return page if isinstance(page, str) else page.get_data(as_text=True)


def hidden(page, name: str) -> str:
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', _html(page))
    assert match, f"no hidden {name} on the page"
    return html.unescape(match.group(1))


def chosen_mapping(page) -> dict[str, str]:
    """The field selected for each column of the preview (map_0, map_1, …)."""
    mapping = {}
    pattern = r'<select id="(map_\d+)" name="map_\d+".*?</select>'
    for match in re.finditer(pattern, _html(page), re.S):
        selected = re.search(r'<option value="([^"]*)" selected>', match.group(0))
        mapping[match.group(1)] = selected.group(1) if selected else ""
    return mapping


def preview_form(page, **changes: str) -> dict[str, str]:
    """The preview's form as the browser would send it, with some columns chosen anew."""
    return {
        "upload": hidden(page, "upload"),
        "filename": hidden(page, "filename"),
        "shown": hidden(page, "shown"),
        **chosen_mapping(page),
        **changes,
    }


def confirm(actions, page, **changes: str):
    return actions.post("/portfolio/import/confirm", preview_form(page, **changes))


def import_file(actions, body: bytes, filename: str = "clients.csv"):
    """Upload and confirm at once; returns the confirm's response."""
    preview = upload(actions, body, filename)
    assert preview.status_code in (200, 422), preview.get_data(as_text=True)[:2000]
    return confirm(actions, preview)


def stored_clients(app) -> list:
    """Every stored portfolio client of every user, in portfolio order."""
    from sqlalchemy import select

    from app.extensions import db
    from app.models import PortfolioClient

    with app.app_context():
        rows = db.session.scalars(
            select(PortfolioClient).order_by(PortfolioClient.user_id, PortfolioClient.position)
        ).all()
        return [(c.user_id, c.name, dict(c.figures)) for c in rows]
