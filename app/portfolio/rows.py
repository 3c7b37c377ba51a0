"""The clients table: every client ranked by contribution or revenue, and each row added,
edited and deleted in place (htmx), or on pages of their own without JavaScript.

The figures come from the analysis of the whole base (`analysis_for`), so a row shows the
contribution after the full cost to serve, the class and the segment exactly as the portfolio
overview counts them. A page holds 50 clients, and only their records are read.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import flash, g, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from app.domain.portfolio import CLASSES, FIELDS, SEGMENTS, ClientResult, name_key
from app.domain.portfolio_plans import PlanStatus
from app.extensions import db
from app.models import PortfolioClient
from app.portfolio import bp, store
from app.portfolio.common import analysis_for, plan_statuses
from app.portfolio.forms import ClientForm, ConfirmForm, shown_value
from app.portfolio.messages import field_label
from app.web import render

PER_PAGE = 50
SORTS = ("contribution", "revenue")
# Field names of the add form and of each row's edit form, so that ids never repeat on the page
# ("new-client", "c12-client").
ADD_PREFIX = "new"


def edit_prefix(client: PortfolioClient) -> str:
    return f"c{client.id}"


def _lang() -> str:
    return str(get_locale() or "en")


@dataclass(frozen=True)
class Row:
    """One line of the table: the stored client and its place in the analysis."""

    client: PortfolioClient
    result: ClientResult | None
    status: PlanStatus | None = None  # the plan started from this client, if any


def _result_of(client: PortfolioClient) -> ClientResult | None:
    key = client.name_key
    return next((r for r in analysis_for(g.user).clients if name_key(r.client) == key), None)


def _row(client: PortfolioClient) -> Row:
    return Row(client, _result_of(client), plan_statuses(g.user).get(client.id))


def page_numbers(page: int, pages: int) -> list[int | None]:
    """The page links to show: the first, the last and two either side of `page`; None marks
    a gap ("1 … 4 5 6 7 8 … 100")."""
    shown = sorted({1, pages, *range(max(1, page - 2), min(pages, page + 2) + 1)})
    result: list[int | None] = []
    for number in shown:
        if result and number - (result[-1] or 0) > 1:
            result.append(None)
        result.append(number)
    return result


def _table_context() -> dict:
    sort = request.args.get("sort", "contribution")
    sort = sort if sort in SORTS else "contribution"
    query = " ".join(request.args.get("q", "").split())[:200]
    try:
        page = max(1, int(request.args.get("page", "1")))
    except ValueError:
        page = 1
    segment = request.args.get("segment")
    segment = segment if segment in SEGMENTS else None
    klass = request.args.get("class")
    klass = klass if klass in CLASSES else None
    analysis = analysis_for(g.user)
    ordered = analysis.by_contribution() if sort == "contribution" else analysis.by_revenue()
    if query:
        wanted = name_key(query)
        ordered = [r for r in ordered if wanted in name_key(r.client)]
    if segment:
        ordered = [r for r in ordered if r.segment == segment]
    if klass:
        ordered = [r for r in ordered if r.klass == klass]
    kept = {"sort": sort, "q": query or None, "segment": segment, "class": klass}

    def table_args(**changes) -> dict:
        """The table's current sort, search and filter, with some changed (for its links);
        `klass` stands for the `class` parameter, a word Jinja cannot take as an argument."""
        if "klass" in changes:
            changes["class"] = changes.pop("klass")
        return {k: v for k, v in {**kept, **changes}.items() if v is not None}

    pages = max(1, -(-len(ordered) // PER_PAGE))
    page = min(page, pages)
    shown = ordered[(page - 1) * PER_PAGE : page * PER_PAGE]
    records = store.clients_by_key(g.user, [name_key(r.client) for r in shown])
    statuses = plan_statuses(g.user)
    rows = [
        Row(records[key], r, statuses.get(records[key].id))
        for r in shown
        if (key := name_key(r.client)) in records
    ]
    return {
        "rows": rows,
        "sort": sort,
        "query": query,
        "page": page,
        "pages": pages,
        "page_links": page_numbers(page, pages),
        "found": len(ordered),
        "total": len(analysis.clients),
        "segment": segment,
        "klass": klass,
        "table_args": table_args,
    }


def _clients_page(form: ClientForm | None = None, status: int = 200, block=None, **extra):
    return render(
        "pages/portfolio/clients.html",
        block=block,
        form=form or ClientForm(formdata=None, prefix=ADD_PREFIX),
        **_table_context(),
        **extra,
    ), status


@bp.get("/clients")
def clients():
    return _clients_page(block="client_table")


def _name_taken(form: ClientForm, client: PortfolioClient | None = None) -> bool:
    """A message next to the name when another client already has it."""
    other = store.client_named(g.user, form.client.data)
    if other is not None and (client is None or other.id != client.id):
        form.client.errors = [
            *form.client.errors,
            _("There is already a client called “%(name)s”.", name=other.name),
        ]
        return True
    return False


@bp.post("/clients")
def add():
    form = ClientForm(prefix=ADD_PREFIX)
    if not form.validate_on_submit() or _name_taken(form):
        return _clients_page(form, 422, block="clients_area")
    try:
        client = store.add_client(g.user, form.row())
    except IntegrityError:  # the same name added at the same moment in another tab
        db.session.rollback()
        _name_taken(form)
        return _clients_page(form, 422, block="clients_area")
    message = _("“%(name)s” has been added.", name=client.name)
    if request.htmx:
        return _clients_page(block="clients_area", added=message)
    flash(message, "success")
    return redirect(url_for("portfolio.clients", q=client.name))


@bp.get("/clients/<int:client_id>")
def show(client_id: int):
    client = store.client_of(g.user, client_id)
    row = store.row_of(client)
    figures = [(name, shown_value(name, getattr(row, name), _lang())) for name in FIELDS[1:]]
    labels = {name: field_label(name, _lang()) for name in FIELDS}
    return render(
        "pages/portfolio/client.html",
        row=_row(client),
        figures=figures,
        field_labels=labels,
        status=plan_statuses(g.user).get(client.id),
    )


@bp.get("/clients/<int:client_id>/row")
def row(client_id: int):
    """One table row (htmx: back from the edit form or the delete question)."""
    client = store.client_of(g.user, client_id)
    return render("partials/portfolio/client_row.html", row=_row(client))


def _edit_form(client: PortfolioClient, form: ClientForm, status: int = 200, **extra):
    return render(
        "pages/portfolio/client_edit.html", block="edit_row", client=client, form=form, **extra
    ), status


@bp.route("/clients/<int:client_id>/edit", methods=["GET", "POST"])
def edit(client_id: int):
    client = store.client_of(g.user, client_id)
    if request.method == "GET":
        form = ClientForm.for_row(store.row_of(client), client.version, prefix=edit_prefix(client))
        return _edit_form(client, form)
    form = ClientForm(prefix=edit_prefix(client))
    if not form.validate_on_submit() or _name_taken(form, client):
        return _edit_form(client, form, 422)
    try:
        store.update_client(client, form.row(), form.version_number())
    except (store.StaleEdit, IntegrityError):
        db.session.rollback()
        current = store.client_of(g.user, client_id)
        if _name_taken(form, current):
            return _edit_form(current, form, 422)
        # Keep what the user typed, show what is stored now, and let the next save go over it.
        form.version.data = str(current.version)
        stored = store.row_of(current)
        now = [(name, shown_value(name, getattr(stored, name), _lang())) for name in FIELDS[1:]]
        return _edit_form(current, form, 409, stale=True, stored=stored, stored_figures=now)
    if request.htmx:
        return render("partials/portfolio/client_row.html", row=_row(client), saved=True)
    flash(_("“%(name)s” has been saved.", name=client.name), "success")
    return redirect(url_for("portfolio.clients", q=client.name))


@bp.route("/clients/<int:client_id>/delete", methods=["GET", "POST"])
def delete(client_id: int):
    client = store.client_of(g.user, client_id)
    form = ConfirmForm()
    if request.method == "GET" or not form.validate_on_submit():
        return render(
            "pages/portfolio/client_delete.html", block="delete_confirm", client=client, form=form
        )
    name = client.name
    store.delete_client(client)
    if request.htmx:
        return render("partials/portfolio/client_deleted.html", name=name)
    flash(_("“%(name)s” has been deleted.", name=name), "success")
    return redirect(url_for("portfolio.clients"))
