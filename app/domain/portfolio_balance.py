"""The yearly balance: the portfolio kept per year, and who moved between two years.

A snapshot holds, per client, its name, class, segment, revenue and contribution as they stood
(`snapshot_data`). `yearly_balance` compares two of them with `portfolio.moves`: who went up
or down the pyramid (A is the top, E the bottom: a client to reconsider), who changed segment
only, who is new and who was lost. Pure, no Flask.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from app.domain.analysis import round_half_up
from app.domain.portfolio import CLASSES, SEGMENTS, Move, PortfolioAnalysis, moves

_RANK = {klass: i for i, klass in enumerate(CLASSES)}
_CENT = Decimal("0.01")


def snapshot_data(analysis: PortfolioAnalysis) -> dict[str, Any]:
    """What a snapshot keeps: per client (by revenue) its class, segment, revenue and
    contribution, money as decimal strings to the cent."""
    return {
        "clients": [
            {
                "name": c.client,
                "class": c.klass,
                "segment": c.segment,
                "revenue": str(round_half_up(c.revenue, _CENT)),
                "contribution": str(round_half_up(c.contribution, _CENT)),
            }
            for c in analysis.by_revenue()
        ]
    }


def snapshot_clients(data: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The clients of a stored snapshot; rows that are not a client with a name are skipped."""
    rows = (data or {}).get("clients") or []
    return [
        row
        for row in rows
        if isinstance(row, Mapping) and isinstance(row.get("name"), str) and row["name"].strip()
    ]


def snapshot_counts(data: Mapping[str, Any] | None) -> dict[str, dict[str, int]]:
    """How many clients a snapshot had per class and per segment (every key, 0 when none)."""
    clients = snapshot_clients(data)
    return {
        "classes": {k: sum(1 for c in clients if c.get("class") == k) for k in CLASSES},
        "segments": {s: sum(1 for c in clients if c.get("segment") == s) for s in SEGMENTS},
    }


def direction(move: Move) -> int:
    """+1 up the pyramid (D → B), −1 down (B → E), 0 for the same class or a new/lost client."""
    if move.class_before not in _RANK or move.class_now not in _RANK:
        return 0
    return (_RANK[move.class_before] > _RANK[move.class_now]) - (
        _RANK[move.class_before] < _RANK[move.class_now]
    )


@dataclass(frozen=True)
class Balance:
    """Two years compared: every change, and the counts the page leads with."""

    year_before: int
    year_now: int
    changes: tuple[Move, ...]  # class or segment changed, clients in both years
    new: tuple[Move, ...]
    lost: tuple[Move, ...]
    up: int
    down: int
    segment_only: int  # same class, another segment
    unchanged: int


def _triples(data: Mapping[str, Any] | None) -> list[tuple[str, str, str]]:
    return [(c["name"], c.get("class"), c.get("segment")) for c in snapshot_clients(data)]


def yearly_balance(
    year_before: int,
    before: Mapping[str, Any] | None,
    year_now: int,
    now: Mapping[str, Any] | None,
) -> Balance:
    """Who moved between the snapshots of two years (the December review).

    Changes are ordered: up the pyramid first, then down, then a change of segment only, each
    in the later year's order (by revenue); new and lost clients apart.
    """
    all_moves = moves(_triples(before), _triples(now))
    both = [m for m in all_moves if m.class_before is not None and m.class_now is not None]
    changed = [m for m in both if m.changed]
    order = {1: 0, -1: 1, 0: 2}
    changes = sorted(changed, key=lambda m: order[direction(m)])  # stable: revenue order kept
    return Balance(
        year_before=year_before,
        year_now=year_now,
        changes=tuple(changes),
        new=tuple(m for m in all_moves if m.class_before is None),
        lost=tuple(m for m in all_moves if m.class_now is None),
        up=sum(1 for m in changed if direction(m) > 0),
        down=sum(1 for m in changed if direction(m) < 0),
        segment_only=sum(1 for m in changed if direction(m) == 0),
        unchanged=len(both) - len(changed),
    )


def default_years(years: Sequence[int]) -> tuple[int, int] | None:
    """The two years compared by default: the last two kept (None with fewer than two)."""
    ordered = sorted(set(years))
    return (ordered[-2], ordered[-1]) if len(ordered) >= 2 else None
