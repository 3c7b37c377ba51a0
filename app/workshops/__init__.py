"""Workshops (issue 13): a coach creates one, participants join with a code or a link.

One blueprint, `workshops`, over `app.domain.workshops` (codes and role rules); `store` reads
and writes workshops, members, the participants' case copies and the wrong-code counter.
"""

from __future__ import annotations

from flask import Blueprint

from app.auth.views import login_required

bp = Blueprint("workshops", __name__)


@bp.before_request
@login_required
def _require_login():
    return None
