"""Bringing the client base in and out: the CSV upload with its preview, and the export.

Nothing is stored until the user confirms the preview. Between the upload and the confirmation
the file travels along in the preview's form (compressed, base64, bounded: see `pack`), so no
half-imported state is kept anywhere; changing a column's field shows the preview again.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask import Response, flash, g, redirect, request, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _

from app.domain import portfolio_csv as csvfile
from app.domain.portfolio import FIELDS, ClientRow, name_key
from app.portfolio import bp, store
from app.portfolio.forms import PreviewForm, UploadForm, shown_value
from app.portfolio.messages import field_help, field_label, problem_texts
from app.views_errors import error_response
from app.web import render

# The upload: the largest file the CSV reader takes, plus room for the form around it.
UPLOAD_LIMIT = csvfile.MAX_BYTES + 256 * 1024
# The preview's form carries the file compressed and in base64 (4/3 of the compressed size).
FORM_LIMIT = csvfile.MAX_BYTES * 4 // 3 + 512 * 1024
PREVIEW_ROWS = 10
IMPORT_ENDPOINTS = (
    "portfolio.import_upload",
    "portfolio.import_preview",
    "portfolio.import_confirm",
)
# File problems where choosing the fields of the columns is the way out.
MAPPING_PROBLEMS = ("no_client_column", "column_twice")
EXAMPLE_ROWS = (
    ClientRow(
        "Bakkerij De Korenaar",
        Decimal(184000),
        Decimal("32.5"),
        Decimal(6),
        Decimal(58),
        Decimal(2400),
        Decimal(4),
        2,
        4,
        4,
    ),
    ClientRow(
        "Van Dijk Installatietechniek",
        Decimal(96500),
        Decimal(21),
        Decimal("9.5"),
        Decimal(55),
        Decimal(1800),
        Decimal(38),
        4,
        2,
        2,
    ),
    ClientRow("Northwind Retail", Decimal(412000), Decimal(27), Decimal(14), Decimal(62)),
)


def _lang() -> str:
    return str(get_locale() or "en")


@bp.before_app_request
def _upload_limits():
    """The import takes a larger body than the rest of the app (MAX_CONTENT_LENGTH): set before
    the CSRF check reads the form. A body over it is refused with the 413 page below."""
    if request.endpoint == "portfolio.import_upload":
        request.max_content_length = UPLOAD_LIMIT
    elif request.endpoint in IMPORT_ENDPOINTS:
        request.max_content_length = FORM_LIMIT


def pack(data: bytes) -> str:
    """The file as it travels in the preview's form: zlib-compressed, URL-safe base64."""
    return base64.urlsafe_b64encode(zlib.compress(data, 6)).decode("ascii")


def unpack(text: str) -> bytes | None:
    """The file back from the form; None when the field is damaged or holds more than the
    CSV reader accepts (a decompression bomb stops at MAX_BYTES + 1)."""
    try:
        compressed = base64.urlsafe_b64decode(text.encode("ascii"))
        inflater = zlib.decompressobj()
        data = inflater.decompress(compressed, csvfile.MAX_BYTES + 1)
    except (binascii.Error, ValueError, zlib.error, UnicodeEncodeError):
        return None
    if len(data) > csvfile.MAX_BYTES or inflater.unconsumed_tail or not inflater.eof:
        return None
    return data


def _too_big_message() -> str:
    return _(
        "This file is too large: a portfolio CSV can be %(mb)d MB at most. Leave out the "
        "columns the portfolio does not use, or import the clients in parts.",
        mb=csvfile.MAX_BYTES // (1024 * 1024),
    )


def _upload_page(message: str, status: int):
    """The upload form with the message next to the field (for htmx, from the preview's form:
    the message in place of the preview)."""
    form = UploadForm(formdata=None)
    form.csv_file.errors = [message]
    return _page(form=form, block="import_preview", upload_error=message), status


def _page(
    form: UploadForm | None = None,
    preview: Preview | None = None,
    block=None,
    upload_error: str | None = None,
):
    lang = _lang()
    columns = [(name, field_label(name, lang), field_help(name, lang)) for name in FIELDS]
    return render(
        "pages/portfolio/import.html",
        block=block,
        upload_form=form or UploadForm(formdata=None),
        preview=preview,
        upload_error=upload_error,
        columns=columns,
        headers=csvfile.HEADERS,
        field_choices=[(name, field_label(name, lang)) for name in FIELDS],
        field_labels={name: field_label(name, lang) for name in FIELDS},
    )


@bp.get("/import")
def import_form():
    return _page()


@bp.post("/import")
def import_upload():
    form = UploadForm()
    file = form.csv_file.data if form.validate_on_submit() else None
    if not file or not getattr(file, "filename", ""):
        return _upload_page(_("Choose a CSV file to import."), 422)
    data = file.read(csvfile.MAX_BYTES + 1)
    if len(data) > csvfile.MAX_BYTES:
        return _upload_page(_too_big_message(), 413)
    return _preview(data, file.filename)


@bp.post("/import/preview")
def import_preview():
    """The preview again, with the fields the user chose for the columns."""
    form = PreviewForm()
    data = unpack(form.upload.data or "")
    if data is None:
        return _upload_page(_("The uploaded file was lost on the way. Choose it again."), 422)
    return _preview(data, form.filename.data or "", _mapping_from_form())


@bp.post("/import/confirm")
def import_confirm():
    """Store every valid row in one transaction, then show the portfolio."""
    form = PreviewForm()
    data = unpack(form.upload.data or "")
    if data is None:
        return _upload_page(_("The uploaded file was lost on the way. Choose it again."), 422)
    mapping = _mapping_from_form()
    if json.dumps(mapping) != (form.shown.data or ""):
        # Without JavaScript a changed column is only seen after "Show again": never store
        # what the user has not seen.
        notice = _("You changed the columns: check the preview below, then confirm again.")
        return _preview(data, form.filename.data or "", mapping, notice=notice)
    parsed = csvfile.parse(data, mapping)
    if parsed.fatal or not parsed.rows:
        return _preview(data, form.filename.data or "", mapping)
    added, updated = store.import_rows(g.user, [r.row for r in parsed.rows])
    flash(result_message(added, updated, parsed), "success")
    return redirect(url_for("portfolio.overview", imported=1))


def result_message(added: int, updated: int, parsed: csvfile.ParsedFile) -> str:
    """ "12 clients added, 3 updated, 2 rows left out (lines 4 and 9)."""
    parts = [
        ngettext("%(num)d client added", "%(num)d clients added", added),
        ngettext("%(num)d updated", "%(num)d updated", updated),
    ]
    left = parsed.total_rows - len(parsed.rows)
    text = ", ".join(parts)
    if left:
        lines = sorted({p.row for p in parsed.row_problems if p.blocking and p.row})
        shown = ", ".join(str(line) for line in lines[:10]) + (", …" if len(lines) > 10 else "")
        text += ", " + ngettext(
            "%(num)d row left out (line %(lines)s)",
            "%(num)d rows left out (lines %(lines)s)",
            left,
            lines=shown,
        )
    return text + "."


def _mapping_from_form() -> list[str | None]:
    """The field chosen per column (`map_0`, `map_1`, …; "" leaves a column out)."""
    mapping: list[str | None] = []
    for i in range(csvfile.MAX_COLUMNS):
        key = f"map_{i}"
        if key not in request.form:
            break
        value = request.form.get(key, "")
        mapping.append(value if value in FIELDS else None)
    return mapping


@dataclass
class Preview:
    """What the preview page shows of a parsed file."""

    parsed: csvfile.ParsedFile
    filename: str
    upload: str  # the packed file, for the form
    problems: list
    rows: list  # the first rows: (line, is_update, [shown values per mapped field])
    fields: list[str]  # the mapped fields in contract order (the preview table's columns)
    adding: int
    updating: int
    left_out: int
    notice: str | None = None

    @property
    def shown(self) -> str:
        return json.dumps(self.parsed.mapping)

    @property
    def dialect_words(self) -> dict[str, str]:
        dialect = self.parsed.dialect
        if dialect is None:
            return {}
        return {
            "separator": {
                ",": _("comma (,)"),
                ";": _("semicolon (;)"),
                "\t": _("tab"),
            }[dialect.separator],
            "decimal": _("comma (12,5)") if dialect.decimal == "," else _("point (12.5)"),
            "encoding": {
                "utf-8-sig": _("UTF-8 with a byte order mark (as Excel saves it)"),
                "utf-8": _("UTF-8"),
                "cp1252": _("Windows-1252 (older Excel and accounting software)"),
            }[dialect.encoding],
        }


def _preview(data: bytes, filename: str, mapping=None, notice: str | None = None):
    lang = _lang()
    parsed = csvfile.parse(data, mapping)
    problems = problem_texts(parsed, lang)
    fatal = [p for p in problems if p.blocking and p.line is None]
    if fatal and not (parsed.headers and any(p.code in MAPPING_PROBLEMS for p in fatal)):
        status = 413 if any(p.code == "too_big" for p in fatal) else 422
        return _upload_page(" ".join(p.what for p in fatal), status)
    existing = store.name_keys_of(g.user)
    updating = sum(1 for r in parsed.rows if name_key(r.row.client) in existing)
    fields = [name for name in FIELDS if name in parsed.mapping]
    rows = [
        (
            r.line,
            name_key(r.row.client) in existing,
            [r.row.client] + [shown_value(name, getattr(r.row, name), lang) for name in fields[1:]],
        )
        for r in parsed.rows[:PREVIEW_ROWS]
    ]
    preview = Preview(
        parsed=parsed,
        filename=filename[:200],
        upload=pack(data),
        problems=problems,
        rows=rows,
        fields=["client", *[f for f in fields if f != "client"]],
        adding=len(parsed.rows) - updating,
        updating=updating,
        left_out=parsed.total_rows - len(parsed.rows),
        notice=notice,
    )
    form = UploadForm(formdata=None)
    if fatal:
        form.csv_file.errors = [" ".join(p.what for p in fatal)]
    blocking = any(p.blocking for p in problems)
    return _page(form=form, preview=preview, block="import_preview"), 422 if blocking else 200


@bp.errorhandler(413)
def _too_large(_exc):
    """Werkzeug refuses a body over the limit before the view runs: on the import page the
    answer is the upload form with the message next to the field."""
    if request.endpoint in IMPORT_ENDPOINTS:
        return _upload_page(_too_big_message(), 413)
    return error_response(
        413, _("That is too large"), _("What you sent is larger than this app accepts.")
    )


def _download(body: bytes, name: str) -> Response:
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@bp.get("/export.csv")
def export():
    """The user's clients as a portfolio CSV in their language (Dutch: ; and 12,5 with BOM)."""
    lang = _lang()
    prefix = "klantenbestand" if lang == "nl" else "portfolio"
    body = csvfile.write(store.rows_of(g.user), lang)
    return _download(body, f"{prefix}-{date.today().isoformat()}.csv")


@bp.get("/example.csv")
def example():
    """A small example file with every column, in the user's language."""
    lang = _lang()
    name = "klantenbestand-voorbeeld.csv" if lang == "nl" else "portfolio-example.csv"
    return _download(csvfile.write(EXAMPLE_ROWS, lang), name)
