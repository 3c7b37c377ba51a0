"""The portfolio: the whole client base, which client deserves which attention.

One blueprint, `portfolio`, over `app.domain.portfolio` (the model) and
`app.domain.portfolio_csv` (the file format); `store` reads and writes the user's rows.
"""

from __future__ import annotations

from flask import Blueprint

from app.auth.views import login_required

bp = Blueprint("portfolio", __name__, url_prefix="/portfolio")


@bp.before_request
@login_required
def _require_login():
    return None
