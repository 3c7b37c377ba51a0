"""The attention plan of a kept client: its groups of activities, and what clients value.

The ABCDE classes, the moments of truth and the deposits come from `preparation`; this module
adds the points business clients say they value in their contact with a supplier (from
published research, see `prepare.attention.client_values` in the content), each with one
activity that serves it, so the plan can answer "where do we fall short with this client?".
"""

from __future__ import annotations

from app.domain.preparation import ATTENTION_GROUPS

CLIENT_VALUES = (
    "reliability",
    "responsiveness",
    "low_effort",
    "expertise",
    "personal_contact",
    "proactive",
    "fair_price",
    "appreciation",
)
VALUE_ACTIVITIES = tuple(f"v_{key}" for key in CLIENT_VALUES)
# Every group of the attention step, in screen order, and every activity a plan may hold.
# Growing with a client you keep: a research conversation, offers that fit its next step, an
# eye for its signals, its whole experience with you, and the same attention inside your own
# company.
GROW_ACTIVITIES = ("grow_research", "grow_offer", "grow_signals", "grow_experience", "grow_inside")
GROUPS: dict[str, tuple[str, ...]] = {
    **ATTENTION_GROUPS,
    "values": VALUE_ACTIVITIES,
    "grow": GROW_ACTIVITIES,
}
ACTIVITIES = tuple(a for group in GROUPS.values() for a in group)
