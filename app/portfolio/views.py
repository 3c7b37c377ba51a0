"""The portfolio overview: where the money, the strain and the potential are."""

from __future__ import annotations

from flask import g

from app.portfolio import bp
from app.portfolio.common import analysis_for
from app.web import render


@bp.get("")
def overview():
    return render("pages/portfolio/overview.html", analysis=analysis_for(g.user))
