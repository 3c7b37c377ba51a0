"""The overview page's model: the user's analysis grouped once, the pictures and sentences built,
and the links to the other portfolio pages (each only when that page exists).

One pass over the clients by revenue fills every group the page shows, and the lists on the
page are short (the largest few of each group, with a count of the rest), so a base of 5,000
clients costs the same handful of loops as one of 50.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from flask import url_for
from flask_babel import get_locale

from app.content import Content
from app.domain.portfolio import (
    CLASS_ACTIVITIES,
    CLASSES,
    SEGMENTS,
    ClientResult,
    PortfolioAnalysis,
    pearl_step,
)
from app.portfolio import charts, sentences

E_LISTED = 20  # class E clients named under the pyramid (the largest by revenue)
SEGMENT_LISTED = 5  # clients named per segment
PEARLS_LISTED = 20

# The other portfolio pages the overview links to.
LINKS = {
    "import_start": "portfolio.import_form",
    "clients": "portfolio.clients",
    "export_csv": "portfolio.export",
    "attention_plan": "portfolio.attention_plan",
    "balance": "portfolio.balance",
}


class ClientLinks:
    """Links to a client's row in the clients table (`?q=<name>`), built from one url_for."""

    def __init__(self):
        self.base = url_for("portfolio.clients")

    def __call__(self, name: str) -> str | None:
        if self.base is None:
            return None
        return f"{self.base}?{urlencode({'q': name})}"


@dataclass
class Group:
    """Clients of a class or segment: how many, their revenue, the largest few by name."""

    key: str
    count: int = 0
    revenue: Decimal = Decimal(0)
    listed: list[ClientResult] = field(default_factory=list)
    limit: int = 0

    def add(self, client: ClientResult) -> None:
        self.count += 1
        self.revenue += client.revenue
        if len(self.listed) < self.limit:
            self.listed.append(client)

    @property
    def more(self) -> int:
        return self.count - len(self.listed)


@dataclass(frozen=True)
class Pearl:
    client: ClientResult
    margin: Decimal
    days_late: Decimal
    step: str  # a key of portfolio.pearls.steps


@dataclass(frozen=True)
class Segment:
    group: Group
    calendar: str  # the rhythm from model.yaml in words
    rhythm: dict


def _groups(analysis: PortfolioAnalysis):
    classes = {k: Group(k, limit=E_LISTED if k == "E" else 0) for k in CLASSES}
    segments = {s: Group(s, limit=SEGMENT_LISTED) for s in SEGMENTS}
    pearls = Group("pearls", limit=PEARLS_LISTED)
    for client in analysis.by_revenue():
        classes[client.klass].add(client)
        segments[client.segment].add(client)
        if client.pearl:
            pearls.add(client)
    return classes, segments, pearls


def overview_context(analysis: PortfolioAnalysis, content: Content, form) -> dict:
    """Everything overview.html shows, for the user's analysis and the thresholds form."""
    lang = str(get_locale() or "en")
    model = content.model
    links = {name: url_for(endpoint) for name, endpoint in LINKS.items()}
    context = {
        "analysis": analysis,
        "form": form,
        "links": links,
        "client_url": ClientLinks(),
        "empty": not analysis.clients,
    }
    if not analysis.clients:
        return context
    classes, segments, pearls = _groups(analysis)
    rhythm = model.get("portfolio_rhythm") or {}
    context.update(
        pareto=charts.pareto_chart(analysis),
        whale=charts.whale_chart(analysis),
        pareto_sentence=sentences.pareto_sentence(analysis, lang),
        whale_sentence=sentences.whale_sentence(analysis, lang),
        pyramid=charts.pyramid(analysis.classes),
        classes=classes,
        class_activities=CLASS_ACTIVITIES,
        segments=[
            Segment(segments[s], sentences.rhythm_sentence(rhythm.get(s)), rhythm.get(s) or {})
            for s in SEGMENTS
        ],
        pearls=[
            Pearl(
                c,
                c.row.gross_margin_pct or Decimal(0),
                c.row.payment_days_late or Decimal(0),
                pearl_step(c),
            )
            for c in pearls.listed
        ],  # fmt: skip
        pearls_count=pearls.count,
        pearl_criteria=content.section(lang, "portfolio.pearls.criteria"),
        pearl_steps=content.section(lang, "portfolio.pearls.steps"),
        quadrant=charts.quadrant(analysis),
        corner_names=charts.CORNER_ORDER,
    )
    return context
