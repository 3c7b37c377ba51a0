"""The yearly balance: keep the portfolio of a year, and see who moved since the year before."""

from __future__ import annotations

from datetime import date

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import InputRequired, ValidationError

from app.domain.portfolio_balance import (
    default_years,
    snapshot_clients,
    snapshot_counts,
    snapshot_data,
    yearly_balance,
)
from app.plans.forms import ConfirmForm
from app.portfolio import bp, store
from app.portfolio.common import analysis_for
from app.web import render

PAGE = "pages/portfolio/balance.html"
SNAPSHOT_PAGE = "pages/portfolio/snapshot.html"
FIRST_YEAR = 2000
# The balance and a snapshot's page list this many clients; the rest is counted.
SHOWN = 300


class SnapshotForm(FlaskForm):
    year = IntegerField(
        _l("Year"),
        validators=[InputRequired(_l("Enter the year this portfolio belongs to."))],
    )

    def validate_year(self, field):
        """From 2000 to next year (a December review may already be kept for the new year)."""
        last = date.today().year + 1
        if field.data is None:
            return
        if not FIRST_YEAR <= field.data <= last:
            raise ValidationError(
                _("Enter a year from %(first)s to %(last)s.", first=FIRST_YEAR, last=last)
            )


def snapshot_form(formdata=None) -> SnapshotForm:
    """The form that keeps a snapshot, with this year filled in (for the import page too)."""
    form = SnapshotForm(formdata=formdata)
    if formdata is None:
        form.year.data = date.today().year
    return form


def _chosen_years(kept: list[int]) -> tuple[int, int] | None:
    """The two years to compare: ?before=&now= when given (each must be kept: else 404),
    otherwise the last two kept."""
    raw_before, raw_now = request.args.get("before"), request.args.get("now")
    if not raw_before and not raw_now:
        return default_years(kept)
    try:
        before = int(raw_before) if raw_before else None
        now = int(raw_now) if raw_now else None
    except ValueError:
        abort(404)
    defaults = default_years(kept) or (None, None)
    before = before if before is not None else defaults[0]
    now = now if now is not None else defaults[1]
    if before is None or now is None or before not in kept or now not in kept:
        abort(404)
    return before, now


def _balance_page(form: SnapshotForm, status: int = 200):
    snapshots = store.snapshots_of(g.user)
    kept = [s.year for s in snapshots]
    years = _chosen_years(kept)
    balance = None
    if years:
        before, now = years
        balance = yearly_balance(
            before,
            store.snapshot_of(g.user, before).data,
            now,
            store.snapshot_of(g.user, now).data,
        )
    counts = {s.year: snapshot_counts(s.data) for s in snapshots}
    return render(
        PAGE,
        snapshots=snapshots,
        counts=counts,
        balance=balance,
        snapshot_form=form,
        shown=SHOWN,
    ), status


@bp.get("/balance")
def balance():
    """The snapshots kept, and for two years who moved between classes and segments."""
    return _balance_page(snapshot_form())


@bp.post("/snapshots")
def keep_snapshot():
    """Keep the portfolio as it stands now as the snapshot of a year (replacing that year's)."""
    form = snapshot_form(request.form)
    if not form.validate_on_submit():
        return _balance_page(form, 422)
    analysis = analysis_for(g.user)
    if not analysis.clients:
        form.year.errors = [_("Your portfolio has no clients yet: import them first.")]
        return _balance_page(form, 422)
    year = form.year.data
    store.keep_snapshot(g.user, year, snapshot_data(analysis))
    flash(_("The portfolio of %(year)s is kept.", year=year), "success")
    return redirect(url_for("portfolio.balance"))


@bp.get("/snapshots/<int:year>")
def snapshot(year: int):
    """One kept year: its clients per class and segment."""
    kept = store.snapshot_of(g.user, year)
    clients = snapshot_clients(kept.data)
    return render(
        SNAPSHOT_PAGE,
        snapshot=kept,
        clients=clients[:SHOWN],
        more=max(0, len(clients) - SHOWN),
        total=len(clients),
        counts=snapshot_counts(kept.data),
        form=ConfirmForm(),
    )


@bp.post("/snapshots/<int:year>/delete")
def delete_snapshot(year: int):
    kept = store.snapshot_of(g.user, year)
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    store.delete_snapshot(kept)
    flash(_("The snapshot of %(year)s has been deleted.", year=year), "success")
    return redirect(url_for("portfolio.balance"))
