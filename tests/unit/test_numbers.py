"""Numbers as people type them, and money as each language writes it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.numbers import NotANumber, input_value, money, number, parse_number, percent


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("1250", "nl", "1250"),
        ("12,5", "nl", "12.5"),
        ("12.5", "nl", "12.5"),  # a lone dot not followed by three digits is a decimal point
        ("1.234", "nl", "1234"),  # in Dutch a dot before three digits groups thousands
        ("1.234", "en", "1.234"),
        ("1,234", "en", "1234"),
        ("1,234", "nl", "1.234"),
        ("1.250.000", "nl", "1250000"),
        ("1,250,000", "en", "1250000"),
        ("1.234,56", "nl", "1234.56"),
        ("1,234.56", "en", "1234.56"),
        ("1.234,56", "en", "1234.56"),  # both marks: the last one is the decimal mark
        ("€ 120.000", "nl", "120000"),
        ("€120,000", "en", "120000"),
        ("32,5%", "nl", "32.5"),
        ("-3,5", "nl", "-3.5"),
        ("  7 ", "en", "7"),
    ],
)
def test_typed_numbers_are_read_as_the_user_means_them(text, lang, expected):
    assert parse_number(text, lang) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_field_is_no_number(text):
    assert parse_number(text, "nl") is None


@pytest.mark.parametrize("text", ["lots", "1.2.3", "12,5,6", "1e5", "--4", "12a"])
def test_anything_else_is_refused(text):
    with pytest.raises(NotANumber):
        parse_number(text, "en")


def test_stored_numbers_go_back_into_inputs_as_the_user_types_them():
    assert input_value(62500, "nl") == "62.500"
    assert input_value(62500, "en") == "62,500"
    assert input_value(1250000.5, "nl") == "1.250.000,5"
    assert input_value(1250000.5, "en") == "1,250,000.5"
    assert input_value(12.5, "nl") == "12,5"
    assert input_value(12.5, "en") == "12.5"
    assert input_value(999, "nl") == "999"
    assert input_value(-4500, "nl") == "-4.500"
    assert input_value(Decimal("30.00"), "en") == "30"
    assert input_value(Decimal("1.234"), "nl") == "1,234"
    assert input_value(None, "en") == ""


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=3, allow_nan=False),
    st.sampled_from(["nl", "en"]),
)
def test_a_number_in_an_input_reads_back_as_the_same_number(value, lang):
    assert parse_number(input_value(value, lang), lang) == value


def test_money_in_dutch_and_english():
    assert money(8842.27, "nl") == "€\u00a08.842,27"
    assert money(8842.27, "en") == "€8,842.27"
    assert money(-4936.44, "en") == "-€4,936.44"
    assert money(-4936.44, "nl") == "€\u00a0-4.936,44"
    assert money(120000, "nl", cents=False) == "€\u00a0120.000"
    assert money(-2600, "en", cents=False) == "-€2,600"
    assert money(None, "en") == "–"


def test_percentages_and_plain_numbers():
    assert percent(18.7, "nl") == "18,7%"
    assert percent(14, "en") == "14.0%"
    assert percent(10, "nl", 0) == "10%"
    assert percent(None, "nl") == "–"
    assert number(2300.5, "nl") == "2.300,5"
    assert number(460, "en", 0) == "460"
