"""The plan file format: strict, path-naming validation and a canonical, stable JSON form."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.content import DEFAULT_DIR
from app.domain.dates import EARLIEST, LATEST
from app.domain.keys import PRECONDITIONS
from app.domain.planfile import PlanFileError, dump_plan, parse_plan_bytes, validate_plan

MODEL = yaml.safe_load((DEFAULT_DIR / "model.yaml").read_text(encoding="utf-8"))

EXAMPLE = {
    "format": "exitcoach-plan/1",
    "language": "nl",
    "client": {
        "name": "Van Dijk Installatietechniek",
        "sector": "Installatietechniek",
        "client_since": 2016,
        "contacts": [
            {
                "name": "Marleen de Vries",
                "role": "Inkoper",
                "primary": True,
                "disc": "S",
                "involved": {"by": "Ann", "when": "First", "hears": None, "costs": "Extra work."},
            },
            {"name": "Joost Bakker", "role": "Directeur", "primary": False, "disc": None},
        ],
    },
    "owner": {"name": "Ann Jansen", "company": "Jansen Onderhoud", "disc": "I"},
    "conversation_date": "2026-12-14",
    "address": {"form": "u", "first_names": False},
    "financial": {
        "annual_revenue": 84000,
        "gross_margin_pct": 28,
        "other_annual_costs": 1500,
        "payment_days_late": 40,
        "cost_of_capital_pct": 8,
        "working_weeks": 46,
        "service_hours": [
            {"department": "account_management", "hours_per_week": 5, "hourly_cost": 70},
            {"department": "customer_service", "hours_per_week": 4, "hourly_cost": 55.5},
        ],
    },
    "interpersonal": {"disrespect": 4, "scope_creep": 5, "basics_effort": 4},
    "value": {"reference": 2, "reputation_risk": 2},
    "pitfalls": {"all_resources_counted": True, "independent_voice": False},
    "alternatives": [{"kind": "raise_rates", "status": "tried", "note": "Refused in 2025."}],
    "decision": {"choice": "exit", "rationale": None},
    "preconditions": {"face_to_face": True},
    "client_view": {"good": "the early years", "turned": "the merger", "valued": None},
    "script": {"individual": "Marleen first.", "logic": "The figures."},
    "reactions": [{"reaction": "Can't we fix this?", "response": "We tried, and here is how."}],
    "transition": {"notice_weeks": 8, "end_date": "2027-02-08", "handover": "", "referral": None},
    "follow_ups": [{"date": "2027-05-08", "note": "Call Marleen."}],
    "lessons": "Agree on scope in writing.",
}


def problems(document, lang="en"):
    with pytest.raises(PlanFileError) as excinfo:
        validate_plan(document, MODEL, lang)
    return excinfo.value.messages(lang)


def test_a_complete_realistic_plan_is_valid_and_unchanged():
    assert validate_plan(EXAMPLE, MODEL) == EXAMPLE


def test_a_partial_plan_is_valid():
    assert validate_plan({"format": "exitcoach-plan/1"}, MODEL) == {"format": "exitcoach-plan/1"}


def _with(path, value):
    doc = json.loads(json.dumps(EXAMPLE))
    node = doc
    keys = path.replace("]", "").replace("[", ".").split(".")
    for key in keys[:-1]:
        node = node[int(key)] if key.isdigit() else node[key]
    last = keys[-1]
    node[int(last) if last.isdigit() else last] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "english", "dutch"),
    [
        (
            "financial.service_hours[1].hours_per_week",
            -3,
            "financial.service_hours[1].hours_per_week: must be ≥ 0",
            "financial.service_hours[1].hours_per_week: moet ≥ 0 zijn",
        ),
        ("financial.gross_margin_pct", 120, "must be ≤ 100", "moet ≤ 100 zijn"),
        ("financial.annual_revenue", 1e-30, "must be 0 or at least 0.01", "0 of minstens 0.01"),
        ("financial.annual_revenue", "lots", "must be a number", "moet een getal zijn"),
        ("financial.annual_revenue", True, "must be a number", "moet een getal zijn"),
        ("financial.working_weeks", 46.5, "must be a whole number", "moet een heel getal zijn"),
        ("interpersonal.dread", 9, "interpersonal.dread: must be ≤ 5", "moet ≤ 5 zijn"),
        ("conversation_date", "14-12-2026", "must be a date like 2026-03-31", "datum"),
        ("conversation_date", "2026-02-30", "must be a date like 2026-03-31", "datum"),
        ("language", "de", "language: must be one of: nl, en", "moet een van deze zijn: nl, en"),
        (
            "alternatives[0].kind",
            "beg",
            "alternatives[0].kind: must be one of: raise_rates",
            "een van",
        ),
        ("decision.choice", "maybe", "decision.choice: must be one of: exit", "een van"),
        ("client.contacts[0].disc", "red", "must be one of: D, I, S, C", "een van"),
        ("pitfalls.independent_voice", "yes", "must be true or false", "true of false"),
        ("client.contacts", {"name": "x"}, "client.contacts: must be a list", "lijst"),
        ("lessons", "x" * 20001, "must be at most 20000 characters", "hoogstens 20000"),
        ("format", "exitcoach-plan/9", 'format: must be "exitcoach-plan/1"', "moet"),
        ("client.surprise", 1, "client.surprise: unknown key", "onbekende sleutel"),
        ("preconditions.Bad Key", True, 'preconditions."Bad Key": unknown key', "onbekende"),
        ("preconditions.made_up", True, "preconditions.made_up: unknown key", "onbekende"),
        ("conversation_date", "9999-12-01", "from 2000-01-01 to 2100-12-31", "tot en met"),
        ("transition.end_date", "1999-12-31", "transition.end_date: must be a date from", "van"),
        ("follow_ups[0].date", "2101-01-01", "follow_ups[0].date: must be a date from", "van"),
        ("client.contacts[1]", None, "client.contacts[1]: must not be null", "mag niet null"),
        ("reactions[0]", None, "reactions[0]: must not be null", "mag niet null zijn"),
        ("lessons", "a\ud800b", "lessons: contains an invalid character", "ongeldig teken"),
        ("client.name", "Acme\x00", "client.name: contains a control character", "stuurteken"),
        ("script.logic", "a\x1bb", "script.logic: contains a control character", "stuurteken"),
        ("address.form", "jij", "address.form: must be one of: je, u", "een van deze zijn: je, u"),
        ("address.first_names", "yes", "address.first_names: must be true or false", "true of"),
        ("address.tone", "warm", "address.tone: unknown key", "onbekende sleutel"),
        ("client_view.turned", 2023, "client_view.turned: must be text", "moet tekst zijn"),
        ("client_view.why", "x", "client_view.why: unknown key", "onbekende sleutel"),
        (
            "client.contacts[0].involved.by",
            "x" * 201,
            "client.contacts[0].involved.by: must be at most 200 characters",
            "hoogstens 200",
        ),
        ("client.contacts[0].involved", "me", "involved: must be an object", "moet een object"),
    ],
)
def test_bad_values_are_named_by_their_path_in_both_languages(path, value, english, dutch):
    assert any(english in m for m in problems(_with(path, value), "en"))
    assert any(dutch in m for m in problems(_with(path, value), "nl"))


def test_tabs_and_line_breaks_are_fine_in_a_text():
    doc = _with("lessons", "one\ttwo\r\nthree\nfour\rfive")
    assert validate_plan(doc, MODEL)["lessons"] == "one\ttwo\r\nthree\nfour\rfive"


def test_the_range_ends_are_valid_dates():
    doc = _with("conversation_date", "2000-01-01")
    doc["transition"]["end_date"] = "2100-12-31"
    assert validate_plan(doc, MODEL)["transition"]["end_date"] == "2100-12-31"


@pytest.mark.parametrize(
    ("section", "key"),
    [
        ("preconditions", "face_to_face"),
        ("perspective", "thank"),
        ("styles.self_check", "speak_up"),
        ("after_talk.follow_through", "final_invoice"),
    ],
)
def test_only_the_known_checklist_keys_are_accepted(section, key):
    value = 3 if section == "styles.self_check" else True
    doc = {"format": "exitcoach-plan/1"}
    node = doc
    for part in section.split("."):
        node = node.setdefault(part, {})
    node[key] = value
    assert validate_plan(doc, MODEL) == doc
    node.update({f"junk_{i}": value for i in range(3)})
    assert problems(doc) == [f"{section}.junk_{i}: unknown key" for i in range(3)]


def test_a_list_may_have_as_many_rows_as_the_forms_allow_and_no_more():
    from app.domain.planfile import MAX_ROWS

    assert MAX_ROWS == 50
    rows = [{"reaction": f"r{i}", "response": None} for i in range(MAX_ROWS)]
    assert len(validate_plan(_with("reactions", rows), MODEL)["reactions"]) == 50
    assert problems(_with("reactions", [*rows, {}])) == ["reactions: must have at most 50 items"]
    assert problems(_with("reactions", [*rows, {}]), "nl") == [
        "reactions: mag hoogstens 50 onderdelen hebben"
    ]


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("\ud800", '"\\ud800"'),
        ("a\x00b", '"a\\u0000b"'),
        ("x" * 5000, '"' + "x" * 37 + '…"'),
    ],
)
def test_an_odd_unknown_key_is_shown_escaped_and_short(key, shown):
    doc = _with("client.name", "Acme")
    doc["client"][key] = 1
    message = problems(doc)[0]
    assert message == f"client.{shown}: unknown key"
    message.encode("utf-8")  # can be written on a page


def test_a_file_over_one_megabyte_is_refused_before_parsing():
    raw = json.dumps({**EXAMPLE, "lessons": "x" * 19000}).encode() + b" " * (1024 * 1024)
    with pytest.raises(PlanFileError) as excinfo:
        parse_plan_bytes(raw, MODEL, "nl")
    assert excinfo.value.messages() == ["(file): is te groot voor een planbestand (hoogstens 1 MB)"]
    assert excinfo.value.messages("en") == ["(file): is too large for a plan file (1 MB at most)"]


def test_every_problem_is_reported_at_once():
    doc = _with("financial.annual_revenue", -1)
    doc["interpersonal"]["dread"] = 0
    assert len(problems(doc)) == 2


@pytest.mark.parametrize(
    "raw", [b"\xff\xfe\x00garbage", b"not json", b"[1, 2]", b'{"format": NaN}', b""]
)
def test_garbage_bytes_get_a_clear_error(raw):
    with pytest.raises(PlanFileError) as excinfo:
        parse_plan_bytes(raw, MODEL, "en")
    assert excinfo.value.messages()[0].startswith("(file): ")


def test_dump_is_canonical_with_format_first():
    text = dump_plan(EXAMPLE)
    assert text.startswith('{\n  "format": "exitcoach-plan/1",\n  "address"')
    assert text.endswith("}\n")
    assert "Installatietechniek" in text  # no \\u escapes
    assert dump_plan(json.loads(text)) == text


# ---- export → import → export is identical, for any valid plan ----------------------------------

# Any text a plan may hold: every character but surrogates and control characters (tab and
# line breaks allowed).
CONTROLS = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r")
texts = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8", exclude_characters=CONTROLS), max_size=40),
)
small = st.one_of(st.none(), st.integers(0, 10**6), st.floats(0, 10**6, allow_nan=False))
scale = st.one_of(st.none(), st.integers(1, 5))
dates = st.one_of(st.none(), st.dates(EARLIEST, LATEST).map(lambda d: d.isoformat()))
plans = st.fixed_dictionaries(
    {"format": st.just("exitcoach-plan/1")},
    optional={
        "language": st.sampled_from(["nl", "en"]),
        "client": st.fixed_dictionaries(
            {},
            optional={
                "name": texts,
                "client_since": st.one_of(st.none(), st.integers(1900, 2100)),
                "contacts": st.lists(
                    st.fixed_dictionaries(
                        {"name": texts, "primary": st.booleans()},
                        optional={"disc": st.sampled_from(["D", "I", "S", "C", None])},
                    ),
                    max_size=3,
                ),
            },
        ),
        "conversation_date": dates,
        "financial": st.fixed_dictionaries(
            {},
            optional={
                "annual_revenue": small.filter(lambda n: not n or n >= 0.01),
                "gross_margin_pct": st.one_of(st.none(), st.floats(0, 100, allow_nan=False)),
                "working_weeks": st.one_of(st.none(), st.integers(1, 53)),
                "service_hours": st.lists(
                    st.fixed_dictionaries(
                        {
                            "department": texts,
                            "hours_per_week": st.floats(0, 168),
                            "hourly_cost": st.floats(0, 10**5),
                        }
                    ),
                    max_size=3,
                ),
            },
        ),
        "interpersonal": st.dictionaries(st.sampled_from(MODEL["interpersonal_items"]), scale),
        "value": st.dictionaries(
            st.sampled_from([*MODEL["value_items"], "reputation_risk"]), scale
        ),
        "pitfalls": st.dictionaries(st.sampled_from(MODEL["pitfalls"]), st.booleans()),
        "alternatives": st.lists(
            st.fixed_dictionaries(
                {
                    "kind": st.sampled_from(MODEL["alternative_kinds"]),
                    "status": st.sampled_from(MODEL["alternative_statuses"]),
                    "note": texts,
                }
            ),
            max_size=3,
        ),
        "decision": st.fixed_dictionaries(
            {"choice": st.sampled_from([*MODEL["recommendations"], None]), "rationale": texts}
        ),
        "preconditions": st.dictionaries(st.sampled_from(PRECONDITIONS), st.booleans()),
        "follow_ups": st.lists(st.fixed_dictionaries({"date": dates, "note": texts}), max_size=3),
        "lessons": texts,
    },
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans)
def test_export_import_export_is_identical(plan):
    exported = dump_plan(validate_plan(plan, MODEL))
    again = dump_plan(parse_plan_bytes(exported.encode("utf-8"), MODEL))
    assert again == exported


def test_a_copy_of_a_plan_is_equal_and_changes_apart_from_it():
    from app.domain.planfile import copy_plan

    plan = {"client": {"name": "Acme", "contacts": [{"name": "Ann", "styles": ["D"]}]}, "n": 1}
    copied = copy_plan(plan)
    assert copied == plan
    copied["client"]["contacts"][0]["styles"].append("I")
    copied["client"]["name"] = "Beta"
    assert plan == {
        "client": {"name": "Acme", "contacts": [{"name": "Ann", "styles": ["D"]}]},
        "n": 1,
    }
