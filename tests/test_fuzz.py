"""No input can break a plan: whatever validation accepts, every page of that plan renders.

(a) Generated hostile plan files (extreme numbers, dates at the ends of the range and beyond,
long, unicode and control texts, nulls, extra keys, too many rows) are either refused with a 4xx
and a message naming the path, or imported; then every step, the plan page, both previews, both
PDFs, the calendar and the plan file answer below 500.
(b) Hostile values posted to every step form (whitespace choices, crafted row names, row actions,
huge numbers, far-off dates, NUL bytes, very long texts) leave every page of the plan working.

Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL. PDFs render in the test process.
"""

from __future__ import annotations

import io
import json
import logging
import os
import traceback

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from app.domain import dates
from app.domain.numbers import NotANumber, parse_number
from app.domain.planfile import (
    MAX_ROWS,
    Bool,
    Choice,
    Date,
    List,
    Num,
    Obj,
    Text,
    plan_schema,
)
from app.plans.step_forms import ROW_LISTS, STEP_FORMS
from tests.conftest import csrf_token
from tests.helpers import plan_urls
from tests.unit.test_planfile import EXAMPLE, MODEL

ON_POSTGRES = bool(os.environ.get("TEST_DATABASE_URL"))
IN_CI = os.environ.get("CI") == "true"
# Every example renders two PDFs: fewer of them in CI, where the suite runs twice. No shrinking:
# with some twenty pages per example it takes many minutes, and the traceback of the crash
# (shown with the example) already says where it is.
FUZZ = settings(
    max_examples=10 if IN_CI else 25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # one logged-in user for all examples is fine
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


# ---- loading every page of a plan -------------------------------------------------------------


class _Crashes(logging.Handler):
    """The tracebacks the app logs for its 500s, to show where a crash happened."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.seen: list[str] = []

    def emit(self, record):
        if record.exc_info:
            self.seen.append("".join(traceback.format_exception(*record.exc_info)[-6:]))


@pytest.fixture
def crashes(app):
    handler = _Crashes()
    app.logger.addHandler(handler)
    yield handler
    app.logger.removeHandler(handler)


def assert_every_page_renders(client, crashes: _Crashes, plan_id: int) -> None:
    for url in plan_urls(plan_id):
        crashes.seen.clear()
        # a step the plan does not have (an exit's attention plan) leads to the plan page
        response = client.get(url, follow_redirects=True)
        assert response.status_code < 500, f"{url}: {response.status_code}\n" + "".join(
            crashes.seen
        )
        assert response.status_code == 200, url


def upload(client, body: bytes):
    return client.post(
        "/plans/import",
        data={"csrf_token": csrf_token(client), "plan_file": (io.BytesIO(body), "plan.json")},
        content_type="multipart/form-data",
    )


# ---- (a) hostile plan files -------------------------------------------------------------------

# Texts that are valid but unkind: markup, template and format syntax, right-to-left marks,
# combining accents, wide and astral characters, calendar syntax, line breaks.
ODD_TEXTS = [
    "",
    " ",
    "\t\r\n",
    "<script>alert(1)</script>",
    "{{ 7*7 }} {% raw %}",
    "{contact} {0} %(name)s %s",
    "\u202eKlant\u202c",
    "Zoe\u0301 ĳ ﷺ",
    "🦆" * 30,
    "東京" * 50,
    "Bakker; Zonen, B.V.\\",
    "Acme\r\nATTENDEE:mailto:x@example.com",
    "url(http://example.com/x.png) <img src=file:///etc/passwd>",
]
# Values no valid plan holds: each must be refused with a message.
BROKEN_VALUES = [
    None,
    "\ud800",
    "a\x00b",
    "bell\x07",
    "x" * (20001),
    -1,
    10**400,
    1e308,
    True,
    "9999-12-01",
    "1999-12-31",
    "2100-02-29",
    {"junk": 1},
    [None],
    [],
]
PLAIN = st.characters(codec="utf-8", exclude_characters="".join(map(chr, range(32))))


def _texts(node: Text, short: bool):
    limit = 40 if short else min(node.maximum, 3000)
    long_text = st.builds(
        lambda piece, n: (piece * n)[:limit],
        st.sampled_from(["x", "€", "東", "🦆", "Wij "]),
        st.integers(0, limit),
    )
    options = [st.none(), st.sampled_from(ODD_TEXTS), st.text(PLAIN, max_size=30), long_text]
    if node.maximum <= 500 and not short:
        options.append(st.just("M" * node.maximum))  # exactly at the limit
    return st.one_of(options)


def _numbers(node: Num):
    low, high = node.minimum, node.maximum
    ends = [low, high, low + 1 if high - low >= 1 else low]
    if node.whole:
        return st.one_of(st.none(), st.sampled_from(ends), st.integers(low, high))
    tiny = [5e-324, 0.1 + 0.2, high - 0.005, high * 0.999999] if low == 0 else []
    values = st.one_of(st.sampled_from(ends + tiny), st.floats(low, high, allow_nan=False))
    if node.smallest:
        values = values.map(lambda n: n if n == 0 or n >= node.smallest else node.smallest)
    return st.one_of(st.none(), values)


def valid_values(node, short: bool = False):
    """Values the schema accepts, chosen at the extremes."""
    if isinstance(node, Num):
        return _numbers(node)
    if isinstance(node, Text):
        return _texts(node, short)
    if isinstance(node, Bool):
        return st.sampled_from([True, False, None])
    if isinstance(node, Date):
        ends = ["2000-01-01", "2100-12-31", "2100-12-01", "2024-02-29", "2000-01-31"]
        iso = st.dates(dates.EARLIEST, dates.LATEST).map(lambda d: d.isoformat())
        return st.one_of(st.none(), st.sampled_from(ends), iso)
    if isinstance(node, Choice):
        return st.sampled_from([*node.choices, None])
    if isinstance(node, Obj):
        fields = {k: valid_values(v, short) for k, v in node.fields.items() if k != "format"}
        return st.fixed_dictionaries({}, optional=fields)
    if isinstance(node, List):
        rows = st.lists(valid_values(node.item, short), max_size=3)
        full = valid_values(node.item, short=True).map(lambda row: [row] * MAX_ROWS)
        return st.one_of(rows, rows, full)
    raise TypeError(node)


SCHEMA = plan_schema(MODEL)
valid_plans = valid_values(SCHEMA).map(lambda d: {"format": "exitcoach-plan/1", **d})


@st.composite
def hostile_plans(draw):
    """A plan at the extremes of what is valid; often with one thing broken somewhere in it."""
    plan = draw(valid_plans)
    if draw(st.booleans()):
        return plan
    containers = []

    def walk(node):
        if isinstance(node, dict):
            containers.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            containers.append(node)
            for value in node:
                walk(value)

    walk(plan)
    target = draw(st.sampled_from(containers))
    value = draw(st.sampled_from(BROKEN_VALUES))
    if isinstance(target, dict):
        keys = [k for k in target if k != "format"] or ["junk"]
        key = draw(st.sampled_from([*keys, "junk_key"]))
        target[key] = value
    elif draw(st.booleans()) or not target:
        target.append(value)
    else:
        target.extend([target[0]] * (MAX_ROWS + 1 - len(target)))
    return plan


@FUZZ
@given(document=hostile_plans())
def test_a_hostile_plan_file_is_refused_clearly_or_renders_everywhere(ann, crashes, document):
    body = json.dumps(document).encode("utf-8")
    response = upload(ann.client, body)
    if response.status_code != 302:
        page = response.get_data(as_text=True)
        assert response.status_code in (413, 422), page[:2000]
        assert 'id="plan_file-error"' in page
        assert "This file cannot be imported:" in page
        return
    plan_id = int(response.headers["Location"].rsplit("/", 1)[1])
    assert_every_page_renders(ann.client, crashes, plan_id)
    # What was accepted comes back out as a file that imports again, unchanged.
    exported = ann.client.get(f"/plans/{plan_id}/export.json").get_data()
    again = upload(ann.client, exported)
    assert again.status_code == 302, again.get_data(as_text=True)[:2000]
    location = again.headers["Location"]
    assert ann.client.get(f"{location}/export.json").get_data() == exported


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("transition.end_date", "9999-12-01", "transition.end_date: must be a date from 2000"),
        ("client.contacts", [None], "client.contacts[0]: must not be null"),
        ("reactions", [{}] * 51, "reactions: must have at most 50 items"),
        ("client.name", "\ud800", "client.name: contains an invalid character"),
        ("lessons", "a\x00b", "lessons: contains a control character"),
        ("preconditions", {"junk": True}, "preconditions.junk: unknown key"),
        ("styles", {"self_check": {"junk": 3}}, "styles.self_check.junk: unknown key"),
        ("after_talk", {"follow_through": {"junk": True}}, "follow_through.junk: unknown key"),
    ],
)
def test_what_broke_the_app_before_is_refused_with_its_path(ann, path, value, message):
    document = json.loads(json.dumps(EXAMPLE))
    node = document
    *parents, last = path.split(".")
    for key in parents:
        node = node.setdefault(key, {})
    node[last] = value
    response = upload(ann.client, json.dumps(document).encode())
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert "No plans yet." in response.get_data(as_text=True)


# ---- (b) hostile values posted to every step form ------------------------------------------

FORM_VALUES = [
    "",
    " ",
    "\t",
    "\r\n",
    "0",
    "-1",
    "1",
    "5",
    "6",
    "D",
    "nl",
    "de",
    "exit",
    "on",
    "raise_rates",
    "outgoing",
    "a_events",
    "1e400",
    "9" * 400,
    "99999999999999999999",
    "1.250.000",
    "1,5",
    "-0",
    "NaN",
    "inf",
    "٣",
    "9999-12-01",
    "0001-01-01",
    "2000-01-01",
    "2100-12-31",
    "2024-02-30",
    "a\x00b",
    "\x1b[31mred",
    "x" * 20001,
    "€" * 5000,
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "Acme\r\nATTENDEE:mailto:x@example.com",
]
ROW_ACTIONS = ["add", "remove:0", "remove:1", "remove:49", "remove:-1", "remove:x", "remove:"]
ROW_ACTIONS += ["remove:99999999999999999999", "remove:٣", "remove:²", " remove:0"]
STEPS_WITH_FORMS = sorted(STEP_FORMS)
_FIELD_NAMES: dict[str, list[str]] = {}


def field_names(app, step: str) -> list[str]:
    """The names a step's form posts (rows as `list-0-field`), read from the form itself."""
    if step not in _FIELD_NAMES:
        with app.test_request_context():
            form = STEP_FORMS[step](formdata=None, meta={"csrf": False})
            names: list[str] = []

            def walk(field):
                if field.type == "FieldList":
                    if not field.entries:
                        field.append_entry()
                    for entry in field.entries:
                        walk(entry)
                elif field.type == "FormField":
                    for sub in field.form:
                        walk(sub)
                else:
                    names.append(field.name)

            for field in form:
                walk(field)
        _FIELD_NAMES[step] = names
    return _FIELD_NAMES[step]


def crafted_names(step: str) -> list[str]:
    """Row field names a browser never sends."""
    lists = [ROW_LISTS.get(step), "contacts" if step == "styles" else None]
    names = []
    for name in filter(None, lists):
        names += [f"{name}-99-name", f"{name}-1-unknown", f"{name}-0-note-extra", f"{name}-x"]
        names += [f"{name}-²-name", f"{name}-٣-note", f"{name}-0", f"{name}--1-x"]
        names += [f"{name}-99999999999999999999-note", f"{name}-49-reaction"]
    return names


@st.composite
def form_posts(draw, app):
    step = draw(st.sampled_from(STEPS_WITH_FORMS))
    names = field_names(app, step)
    values = st.one_of(st.sampled_from(FORM_VALUES), st.text(PLAIN, max_size=20))
    chosen = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    data: dict = {name: draw(values) for name in chosen if name != "csrf_token"}
    for name in draw(st.lists(st.sampled_from(crafted_names(step) or ["x"]), max_size=3)):
        data[name] = draw(values)
    if draw(st.booleans()) and names:  # the same field twice
        name = draw(st.sampled_from(names))
        data[name] = [draw(values), draw(values)]
    extras = st.fixed_dictionaries(
        {},
        optional={
            "row_action": st.sampled_from(ROW_ACTIONS),
            "primary_contact": st.sampled_from(FORM_VALUES),
            "go": st.sampled_from(["next", "x"]),
            "use_suggestion": st.sampled_from(["logic", "framing", "nope", ""]),
        },
    )
    data.update(draw(extras))
    return step, data, draw(st.booleans())


def _parsed(text) -> float:
    try:
        number = parse_number(text, "en")
    except (NotANumber, ValueError, ArithmeticError):
        return 0.0
    return float(number) if number is not None else 0.0


def _is_int(text) -> bool:
    try:
        int(text)
    except (TypeError, ValueError):
        return False
    return True


def test_hostile_posts_to_every_step_form_break_no_page(app, ann, crashes):
    @FUZZ
    @given(posts=st.lists(form_posts(app), min_size=1, max_size=3))
    def post_and_load(posts):
        plan_id = ann.import_plan(EXAMPLE)
        for step, data, htmx in posts:
            crashes.seen.clear()
            response = ann.save_step(plan_id, step, data, htmx=htmx)
            assert response.status_code < 500, f"POST {step} {data!r:.500}\n" + "".join(
                crashes.seen
            )
        assert_every_page_renders(ann.client, crashes, plan_id)

    post_and_load()


# ---- posts that once crashed the step forms: each now refused or saved, never a 500 -----------


ONCE_CRASHED = [
    pytest.param(
        "client",
        {"contacts-²-name": "x"},
        id="superscript-row-index",
    ),
    pytest.param(
        "financial",
        {"service_hours-x": "x", "row_action": "remove:0"},
        id="remove-with-two-part-name",
    ),
    pytest.param(
        "script",
        {"reactions--1-reaction": "x", "row_action": "remove:0"},
        id="remove-with-empty-index",
    ),
    pytest.param(
        "interpersonal",
        {"dread": " "},
        id="whitespace-scale",
    ),
    pytest.param(
        "styles",
        {"self_speak_up": "\t"},
        id="whitespace-self-check",
    ),
    pytest.param(
        "styles",
        {"direct_pick": " "},
        id="whitespace-direct-pick",
    ),
    pytest.param(
        "client",
        {"client_since": "9" * 400},
        id="huge-client-since",
    ),
    pytest.param(
        "transition",
        {"notice_weeks": "9" * 400},
        id="huge-notice-weeks",
    ),
    pytest.param(
        "financial",
        {
            "annual_revenue": "0.000000000000000000000000000001",
            "service_hours-0-hours_per_week": "5",
            "service_hours-0-hourly_cost": "70",
        },
        id="revenue-below-a-cent",
    ),
    pytest.param(
        "client",
        {"client_name": "Acme\x00"},
        id="nul-in-client-name",
    ),
]


@pytest.mark.parametrize(("step", "data"), ONCE_CRASHED)
def test_posts_that_once_crashed_a_step_break_no_page(ann, crashes, step, data):
    """Each post is refused or saved, and every page of the plan still renders."""
    plan_id = ann.import_plan(EXAMPLE)
    response = ann.save_step(plan_id, step, data)
    assert response.status_code < 500, "".join(crashes.seen)
    assert_every_page_renders(ann.client, crashes, plan_id)
