"""What every portfolio page needs: the content, and the user's portfolio analysed."""

from __future__ import annotations

from flask import current_app

from app.content import Content
from app.domain.analysis import Thresholds
from app.domain.portfolio import PortfolioAnalysis, analyze_portfolio
from app.domain.portfolio_plans import PlanStatus
from app.domain.portfolio_plans import plan_statuses as plan_statuses_of
from app.models import User
from app.portfolio import store


def content() -> Content:
    return current_app.extensions["exitcoach.content"]


def analysis_for(user: User) -> PortfolioAnalysis:
    """The user's portfolio analysed with their own class limits (plan figures where a plan
    started from a row has its own, see store.rows_for_analysis)."""
    model = content().model
    return analyze_portfolio(
        store.rows_for_analysis(user),
        store.thresholds_for(user, model),
        Thresholds.from_model(model),
    )


def plan_statuses(user: User) -> dict[int, PlanStatus]:
    """Per client id, where the plan started from that client stands (decision or advice, and
    whether its own figures count). Include templates/partials/portfolio/_plan_status.html."""
    return plan_statuses_of(store.linked_plans(user), Thresholds.from_model(content().model))
