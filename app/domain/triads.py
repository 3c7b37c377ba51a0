"""Role plays in threes (issue 13, point 5): groups from who has joined, and rotating roles.

Pure: no Flask, no database. A group is a tuple of user ids in order plus the round in which
its first member speaks (`first_round`). In round r a group of n people has the offset
(r - first_round) mod n: the member at that offset brings the message (the speaker), the next
one plays the client, everyone else observes. So in n rounds every member speaks once.

Groups are formed in joining order (not shuffled): the coach sees the same groups on every
reload and in the order people sat down, and adjusts by moving people. Groups of three; when
the count is not a multiple of three, one or two groups of four (two observers), never a pair
when it can be avoided: 4 → 4, 5 → 5, 7 → 3 + 4, 8 → 4 + 4. Two people are a pair (a speaker
and a client, no observer); one person has nobody to play with.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.domain.keys import PERSPECTIVE
from app.domain.preparation import SCRIPT_STEPS

SPEAKER = "speaker"
CLIENT = "client"
OBSERVER = "observer"
SMALLEST = 2  # a group smaller than this cannot play
# What an observer ticks: the seven steps, then the client's-perspective points (the ids do
# not overlap, so one list serves the form, the store and the debrief).
POINTS = (*SCRIPT_STEPS, *PERSPECTIVE)
MAX_NOTE = 2000  # characters of one note: a few sentences, written on a phone

# Why forming or moving is refused (the view words each id in the user's language).
ALONE = "alone"  # one participant: nobody to play with
NOBODY = "nobody"  # no participants yet
UNKNOWN_MEMBER = "unknown_member"
UNKNOWN_GROUP = "unknown_group"
SAME_GROUP = "same_group"
TOO_SMALL = "too_small"  # the group left behind would have fewer than SMALLEST


@dataclass(frozen=True)
class Group:
    number: int  # "Group 2", as the room calls it
    members: tuple[int, ...]
    first_round: int = 1


@dataclass(frozen=True)
class Roles:
    """Who does what in one group in one round; `client` is None for a group of one."""

    speaker: int
    client: int | None
    observers: tuple[int, ...]

    def of(self, user_id: int) -> str | None:
        if user_id == self.speaker:
            return SPEAKER
        if user_id == self.client:
            return CLIENT
        return OBSERVER if user_id in self.observers else None


def sizes(count: int) -> list[int]:
    """The group sizes for `count` participants: threes, with fours instead of a pair."""
    if count < SMALLEST:
        return []
    if count in (2, 5):
        return [count]  # a pair (no choice), or one group with three observers
    threes, rest = divmod(count, 3)
    if rest == 0:
        return [3] * threes
    if rest == 1:
        return [3] * (threes - 1) + [4]
    return [3] * (threes - 2) + [4, 4]


def form_groups(participants: Sequence[int], first_round: int = 1) -> list[Group]:
    """Groups of the participants in joining order (see the module's docstring), numbered
    from 1; empty for fewer than two (`forming_problem` says why)."""
    groups, start = [], 0
    for number, size in enumerate(sizes(len(participants)), start=1):
        groups.append(Group(number, tuple(participants[start : start + size]), first_round))
        start += size
    return groups


def forming_problem(count: int) -> str | None:
    """Why no groups can be formed for `count` participants (None when they can)."""
    if count == 0:
        return NOBODY
    return ALONE if count == 1 else None


def roles(group: Group, round_: int) -> Roles | None:
    """The roles in `group` in round `round_` (None for an empty group)."""
    n = len(group.members)
    if n == 0:
        return None
    offset = (round_ - group.first_round) % n
    speaker = group.members[offset]
    if n == 1:
        return Roles(speaker, None, ())
    client = group.members[(offset + 1) % n]
    observers = tuple(group.members[(offset + k) % n] for k in range(2, n))
    return Roles(speaker, client, observers)


def still_in(groups: Iterable[Group], participants: Iterable[int]) -> list[Group]:
    """The groups as they are now: members no longer in the workshop left out, order kept."""
    present = set(participants)
    return [
        Group(g.number, tuple(m for m in g.members if m in present), g.first_round) for g in groups
    ]


def group_of(groups: Iterable[Group], user_id: int) -> Group | None:
    return next((g for g in groups if user_id in g.members), None)


def ungrouped(groups: Iterable[Group], participants: Sequence[int]) -> list[int]:
    """Participants in no group (joined after the groups were formed), in joining order."""
    grouped = {m for g in groups for m in g.members}
    return [p for p in participants if p not in grouped]


def move(
    groups: Sequence[Group], participants: Iterable[int], user_id: int, number: int
) -> tuple[list[Group], str | None]:
    """Move a participant to group `number` (at its end: they speak last there). Someone in
    no group yet is simply added. Refused, with the groups unchanged and a reason id, when
    the person or the group is unknown, they are already there, or the group they leave would
    fall below two."""
    if user_id not in set(participants):
        return list(groups), UNKNOWN_MEMBER
    target = next((g for g in groups if g.number == number), None)
    if target is None:
        return list(groups), UNKNOWN_GROUP
    source = group_of(groups, user_id)
    if source is target:
        return list(groups), SAME_GROUP
    if source is not None and len(source.members) - 1 < SMALLEST:
        return list(groups), TOO_SMALL
    moved = []
    for g in groups:
        members = tuple(m for m in g.members if m != user_id)
        if g is target:
            members = (*members, user_id)
        moved.append(Group(g.number, members, g.first_round))
    return moved, None


def tick_sum(ticks: Iterable[Iterable[str]]) -> dict[str, int]:
    """How many observations ticked each point: {point id: count}, every point listed (0 when
    nobody ticked it), ids outside POINTS ignored. The debrief shows these, naming nobody."""
    totals = dict.fromkeys(POINTS, 0)
    for one in ticks:
        for point in set(one):
            if point in totals:
                totals[point] += 1
    return totals


@dataclass(frozen=True)
class Observation:
    ticks: tuple[str, ...]
    notes: dict[str, str]


NOTE_PREFIX = "note_"


def read_observation(
    ticked: Sequence[str], fields: Mapping[str, str]
) -> tuple[Observation | None, dict[str, str]]:
    """An observer's form as an observation, or the problems by field: `tick` (a point that is
    not on the checklist), `note_<point>` (longer than MAX_NOTE) and `fields` (a field the form
    does not have, such as a crafted `note_…` name). `fields` are the posted fields other than
    the ticks and the CSRF token. Notes are stripped; empty ones are left out."""
    problems: dict[str, str] = {}
    if any(point not in POINTS for point in ticked):
        problems["tick"] = "unknown_point"
    notes = {}
    for name, value in fields.items():
        point = name[len(NOTE_PREFIX) :] if name.startswith(NOTE_PREFIX) else None
        if point not in POINTS:
            problems["fields"] = "unknown_field"
            continue
        text = (value or "").strip()
        if len(text) > MAX_NOTE:
            problems[name] = "too_long"
        elif text:
            notes[point] = text
    if problems:
        return None, problems
    ordered = tuple(p for p in POINTS if p in set(ticked))
    return Observation(ordered, notes), {}
