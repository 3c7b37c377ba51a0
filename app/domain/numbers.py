"""Reading numbers the way people type them, and showing money in a plan's language.

Pure functions: the screens, the PDF and the CLI all format through here, so `€ 8.842,27`
(Dutch) and `€8,842.27` (English) look the same everywhere.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

LOCALES = {"nl": "nl_NL", "en": "en_GB"}
_CLEAN = re.compile(r"[\s\u00a0\u202f€%]")


class NotANumber(ValueError):
    pass


def parse_number(text: str, lang: str) -> Decimal | None:
    """A number typed by a person in `lang`: '1.234,5' (nl), '1,234.5' (en), '12,5', '€ 900'.

    Both separators are accepted in both languages: when a text has both, the last one is the
    decimal separator; a lone separator followed by exactly three digits groups thousands in the
    language that groups with it ('1.234' is 1234 in Dutch), otherwise it is the decimal mark.
    Empty text is None; anything else that is not a number raises NotANumber.
    """
    cleaned = _CLEAN.sub("", text or "")
    if cleaned == "":
        return None
    if not re.fullmatch(r"[-+]?[\d.,]+", cleaned) or not re.search(r"\d", cleaned):
        raise NotANumber(text)
    sign = "-" if cleaned.startswith("-") else ""
    body = cleaned.lstrip("+-")
    if "." in body and "," in body:
        decimal_mark = "." if body.rfind(".") > body.rfind(",") else ","
    elif "," in body or "." in body:
        mark = "," if "," in body else "."
        grouping = "." if lang == "nl" else ","
        parts = body.split(mark)
        is_grouping = mark == grouping and all(len(p) == 3 for p in parts[1:]) and parts[0]
        if len(parts) > 2 and not is_grouping:
            raise NotANumber(text)
        decimal_mark = None if is_grouping else mark
    else:
        decimal_mark = None
    group_mark = {".": ",", ",": "."}.get(decimal_mark or "", "." if "." in body else ",")
    if decimal_mark and body.count(decimal_mark) > 1:
        raise NotANumber(text)
    body = body.replace(group_mark, "")
    if decimal_mark:
        body = body.replace(decimal_mark, ".")
    try:
        return Decimal(sign + body)
    except InvalidOperation as exc:
        raise NotANumber(text) from exc


def input_value(value: Decimal | float | int | None, lang: str) -> str:
    """A stored number as it goes back into an input, written the way the user types it.

    Thousands grouped and the language's decimal mark ('62.500' and '32,5' in Dutch, '62,500'
    and '32.5' in English), every decimal kept and no trailing zeros. `parse_number` reads the
    result back as the same number in the same language.
    """
    if value is None:
        return ""
    number = Decimal(str(value)).normalize()
    text = format(number, "f")
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    groups = []
    while len(digits) > 3:
        digits, group = digits[:-3], digits[-3:]
        groups.insert(0, group)
    group_mark, decimal_mark = (".", ",") if lang == "nl" else (",", ".")
    text = sign + group_mark.join([digits, *groups])
    fraction = fraction.rstrip("0")
    return text + decimal_mark + fraction if fraction else text


def money(value: Decimal | float | int | None, lang: str, cents: bool = True) -> str:
    """€ 1.234,56 in Dutch, €1,234.56 in English; '–' for nothing."""
    if value is None:
        return "–"
    fmt = None if cents else "¤#,##0;-¤#,##0"
    if lang == "nl" and not cents:
        fmt = "¤\u00a0#,##0;¤\u00a0-#,##0"
    return format_currency(
        Decimal(str(value)),
        "EUR",
        format=fmt,
        locale=LOCALES.get(lang, "en_GB"),
        currency_digits=cents,
    )


def number(value: Decimal | float | int | None, lang: str, digits: int = 1) -> str:
    """A plain number with the language's separators, at most `digits` decimals."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(Decimal(str(value)), format=pattern, locale=LOCALES.get(lang, "en_GB"))


def percent(value: Decimal | float | int | None, lang: str, digits: int = 1) -> str:
    """18.7 → '18,7%' in Dutch, '18.7%' in English; always `digits` decimals (14 → '14.0%')."""
    if value is None:
        return "–"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return (
        format_decimal(Decimal(str(value)), format=pattern, locale=LOCALES.get(lang, "en_GB")) + "%"
    )


def long_date(value, lang: str) -> str:
    """'8 February 2027' / '8 februari 2027'; '–' for nothing."""
    if value is None:
        return "–"
    return format_date(value, "long", locale=LOCALES.get(lang, "en_GB"))
