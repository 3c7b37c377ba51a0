"""Hostile posts to every portfolio form: each is refused with a 4xx or stored cleanly, never a
500, and every portfolio page (and document) still opens afterwards."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.portfolio_docs_helpers import row, seed
from tests.test_fuzz import crashes  # noqa: F401 - the fixture that collects logged errors

IN_CI = os.environ.get("CI") == "true"
FUZZ = settings(
    max_examples=15 if IN_CI else 40,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

PAGES = (
    "/portfolio",
    "/portfolio/clients",
    "/portfolio/clients?sort=revenue",
    "/portfolio/attention-plan",
    "/portfolio/attention-plan.ics",
    "/portfolio/balance",
    "/portfolio/export.csv",
)
NUMBER_FIELDS = (
    "annual_revenue",
    "gross_margin_pct",
    "hours_per_week",
    "hourly_cost",
    "other_annual_costs",
    "payment_days_late",
    "strain",
    "value",
    "potential",
)

hostile = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "9" * 400,
            "1e999",
            "-1",
            "NaN",
            "Infinity",
            "1.234,5",
            "1,2,3",
            '=HYPERLINK("x")',
            "0." + "0" * 30 + "1",
            "A" * 300,
            "<script>",
            "١٢٣",  # Arabic-Indic digits
            "²",
            "3",  # and values that are fine, so some posts are stored and pages show them
            "12",
            "1500,50",
            "Acme",
            "2026",
            "a_events",
        ]
    ),
)


def posts(client_id: int):
    """One crafted post to one of the portfolio's forms, as (url, data)."""
    client_fields = st.fixed_dictionaries(
        {},
        optional={f: hostile for f in ("client", *NUMBER_FIELDS, "version")},
    )
    return st.one_of(
        client_fields.map(lambda d: ("/portfolio/clients", {f"new-{k}": v for k, v in d.items()})),
        client_fields.map(
            lambda d: (
                f"/portfolio/clients/{client_id}/edit",
                {f"c{client_id}-{k}": v for k, v in d.items()},
            )
        ),
        st.fixed_dictionaries(
            {},
            optional={k: hostile for k in ("class_a", "class_b", "class_c", "e_strain", "e_value")},
        ).map(lambda d: ("/portfolio/thresholds", d)),
        st.fixed_dictionaries({"year": hostile}).map(lambda d: ("/portfolio/snapshots", d)),
        st.fixed_dictionaries({"kind": hostile}).map(
            lambda d: (f"/portfolio/clients/{client_id}/plan", d)
        ),
        st.lists(hostile, max_size=4).map(
            lambda keys: (f"/portfolio/clients/{client_id}/activities", {"activities": keys})
        ),
        st.lists(hostile, max_size=4).map(
            lambda keys: ("/portfolio/attention-plan/classes/A/activities", {"activities": keys})
        ),
        st.fixed_dictionaries(
            {"upload": hostile, "filename": hostile, "shown": hostile},
            optional={"column-0": hostile, "column-1": hostile},
        ).map(lambda d: ("/portfolio/import/confirm", d)),
        st.fixed_dictionaries({"upload": hostile, "shown": hostile}).map(
            lambda d: ("/portfolio/import/preview", d)
        ),
    )


def test_hostile_posts_to_the_portfolio_break_no_page(app, ann, crashes):  # noqa: F811
    ids = seed(app, [row("Big Account", 400_000, 40, 10, 60), row("Small One", 9_000, 45)])
    client_id = ids["Big Account"]

    @FUZZ
    @given(st.lists(posts(client_id), min_size=1, max_size=3), st.booleans())
    def post_and_look(sent, htmx):
        for url, data in sent:
            crashes.seen.clear()
            response = ann.post(url, data, htmx=htmx)
            assert response.status_code < 500, f"POST {url} {data!r:.400}\n" + "".join(crashes.seen)
        for page in (*PAGES, f"/portfolio/clients/{client_id}"):
            crashes.seen.clear()
            response = ann.client.get(page)
            assert response.status_code == 200, f"{page}: {response.status_code}\n" + "".join(
                crashes.seen
            )

    post_and_look()
