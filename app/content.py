"""Coaching content and analysis defaults, loaded once from `content/` and validated.

Content is data: every text exists in Dutch and English with the same keys, none is empty, and
`model.yaml` matches its schema. A broken file stops the app at start-up with a message that
names the file and the key, instead of a half-translated screen in front of a user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.content_schema import PLURAL, SCHEMA, TEXT
from app.domain.keys import (
    ALTERNATIVE_KINDS,
    ALTERNATIVE_STATUSES,
    DEPARTMENTS,
    INTERPERSONAL,
    PITFALLS,
    RECOMMENDATIONS,
    VALUE,
)
from app.domain.words import CATEGORIES, Plural, plural_categories

LANGUAGES = ("nl", "en")
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "content"


class ContentError(Exception):
    """Content that the app refuses to start with; the message names file and key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _FinancialDefaults(_Strict):
    working_weeks: int = Field(ge=1, le=53)
    cost_of_capital_pct: float = Field(ge=0, le=100)
    marginal_pct: float = Field(ge=0, le=100)


class _Scores(_Strict):
    strain_high: int = Field(ge=0, le=100)
    value_high: int = Field(ge=0, le=100)
    value_low: int = Field(ge=0, le=100)


_MODEL_KEYS = {
    "departments": DEPARTMENTS,
    "interpersonal_items": INTERPERSONAL,
    "value_items": VALUE,
    "pitfalls": PITFALLS,
    "recommendations": RECOMMENDATIONS,
    "alternative_kinds": ALTERNATIVE_KINDS,
    "alternative_statuses": ALTERNATIVE_STATUSES,
}


class ModelSchema(_Strict):
    financial: _FinancialDefaults
    scores: _Scores
    departments: list[str] = Field(min_length=1)
    interpersonal_items: list[str] = Field(min_length=1)
    value_items: list[str] = Field(min_length=1)
    pitfalls: list[str] = Field(min_length=1)
    recommendations: list[str] = Field(min_length=1)
    alternative_kinds: list[str] = Field(min_length=1)
    alternative_statuses: list[str] = Field(min_length=1)


@dataclass(frozen=True)
class Content:
    """All content: `model` (analysis defaults) and `texts[lang][file_stem]`."""

    model: dict[str, Any]
    texts: dict[str, dict[str, Any]]

    def section(self, lang: str, dotted: str) -> Any:
        """The value at `file.key.key` in one language, e.g. `steps.steps.client.title`."""
        node: Any = self.texts[lang if lang in self.texts else "en"]
        for part in dotted.split("."):
            node = node[part]
        return node

    def text(self, lang: str, dotted: str) -> str | Plural:
        """A text; a text with plural forms comes as a `Plural` (use `.format(count=n)`)."""
        value = self.section(lang, dotted)
        if not isinstance(value, str | Plural):
            raise KeyError(f"{dotted} is not a text")
        return value

    def counted(self, lang: str, dotted: str, n: int | float) -> str:
        """The form of a text for the number n ("1 toets", "2 toetsen"), placeholders left."""
        value = self.text(lang, dotted)
        return value.pick(n) if isinstance(value, Plural) else value


def load_content(directory: str | Path | None = None) -> Content:
    """Read and validate every content file; raise ContentError on the first problem."""
    root = Path(directory) if directory else DEFAULT_DIR
    model = _load_model(root / "model.yaml")
    texts: dict[str, dict[str, Any]] = {}
    files: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        folder = root / lang
        if not folder.is_dir():
            raise ContentError(f"{_rel(folder)}: folder for language '{lang}' is missing")
        files[lang] = {p.name for p in folder.glob("*.yaml")}
    for lang, other in (("nl", "en"), ("en", "nl")):
        for name in sorted(files[lang] - files[other]):
            raise ContentError(f"{_rel(root / other / name)}: file is missing (exists in {lang})")
    for name in SCHEMA:
        if name not in files["en"]:
            raise ContentError(f"{_rel(root / 'en' / name)}: file is missing")
    for lang in LANGUAGES:
        texts[lang] = {}
        for name in sorted(files[lang]):
            path = root / lang / name
            data = _read_yaml(path)
            if not isinstance(data, dict):
                raise ContentError(f"{_rel(path)}: must be a mapping of keys to texts")
            _check_schema(path, data, SCHEMA.get(name, {}), "")
            _check_leaves(path, data, "", lang)
            texts[lang][path.stem] = _with_plurals(data, lang)
    for name in sorted(files["en"]):
        stem = Path(name).stem
        _check_parity(root, name, texts["nl"][stem], texts["en"][stem], "")
    return Content(model=model, texts=texts)


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ContentError(f"{_rel(path)}: file is missing") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContentError(f"{_rel(path)}: not valid YAML ({exc})") from exc


def _load_model(path: Path) -> dict[str, Any]:
    data = _read_yaml(path)
    try:
        model = ModelSchema.model_validate(data).model_dump()
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top)"
        raise ContentError(f"{_rel(path)}: {key}: {err['msg']}") from exc
    for key, ids in _MODEL_KEYS.items():
        if tuple(model[key]) != ids:
            raise ContentError(f"{_rel(path)}: {key}: must list exactly {', '.join(ids)}")
    return model


def _join(prefix: str, key: Any) -> str:
    return f"{prefix}[{key}]" if isinstance(key, int) else (f"{prefix}.{key}" if prefix else key)


def _is_plural(data: Any) -> bool:
    """A mapping whose keys are all plural categories, one of them "other", is a plural text."""
    return (
        isinstance(data, Mapping)
        and bool(data)
        and "other" in data
        and all(isinstance(k, str) and k in CATEGORIES for k in data)
    )


def _check_schema(path: Path, data: Any, schema: Any, prefix: str) -> None:
    if schema == TEXT:
        if not isinstance(data, str):
            raise ContentError(f"{_rel(path)}: {prefix} must be a text")
        return
    if schema == PLURAL:
        if not _is_plural(data):
            raise ContentError(f"{_rel(path)}: {prefix} must have plural forms (one: …, other: …)")
        return
    for key, sub in schema.items():
        where = _join(prefix, key)
        if not isinstance(data, Mapping) or key not in data:
            raise ContentError(f"{_rel(path)}: {where} is missing")
        _check_schema(path, data[key], sub, where)


def _check_plural(path: Path, data: Mapping, prefix: str, lang: str) -> None:
    """Exactly the language's plural categories, each a non-empty text, and every form with
    the same placeholders (a form may spell out its number instead of using {count})."""
    wanted = plural_categories(lang)
    if set(data) != wanted:
        raise ContentError(
            f"{_rel(path)}: {prefix} needs exactly the plural forms {', '.join(sorted(wanted))} "
            f"for '{lang}', has {', '.join(sorted(data))}"
        )
    for key, form in data.items():
        if not isinstance(form, str) or not form.strip():
            raise ContentError(f"{_rel(path)}: {_join(prefix, key)} is empty")
    shapes = {frozenset(_placeholders(form) - {"count"}) for form in data.values()}
    if len(shapes) > 1:
        raise ContentError(f"{_rel(path)}: {prefix}: the plural forms use different placeholders")


def _check_leaves(path: Path, data: Any, prefix: str, lang: str) -> None:
    if _is_plural(data):
        _check_plural(path, data, prefix, lang)
    elif isinstance(data, Mapping):
        for key, value in data.items():
            _check_leaves(path, value, _join(prefix, key), lang)
    elif isinstance(data, list):
        if not data:
            raise ContentError(f"{_rel(path)}: {prefix} is an empty list")
        for i, value in enumerate(data):
            _check_leaves(path, value, _join(prefix, i), lang)
    elif isinstance(data, str):
        if not data.strip():
            raise ContentError(f"{_rel(path)}: {prefix} is empty")
    elif data is None:
        raise ContentError(f"{_rel(path)}: {prefix} is empty")
    elif not isinstance(data, bool | int | float):
        raise ContentError(f"{_rel(path)}: {prefix} has an unsupported type")


def _with_plurals(data: Any, lang: str) -> Any:
    """The validated content with each plural text made a `Plural` of its language."""
    if _is_plural(data):
        return Plural(lang, dict(data))
    if isinstance(data, Mapping):
        return {key: _with_plurals(value, lang) for key, value in data.items()}
    if isinstance(data, list):
        return [_with_plurals(value, lang) for value in data]
    return data


def _placeholders(text: str | Plural) -> set[str]:
    if isinstance(text, Plural):
        return set().union(*(_placeholders(form) for form in text.forms.values()))
    return set(re.findall(r"\{(\w+)\}", text))


def _check_parity(root: Path, name: str, nl: Any, en: Any, prefix: str) -> None:
    """Both languages hold the same keys, the same list lengths, texts in the same places."""
    if isinstance(en, Mapping) and isinstance(nl, Mapping):
        for key in en:
            if key not in nl:
                raise ContentError(
                    f"{_rel(root / 'nl' / name)}: {_join(prefix, key)} is missing "
                    "(present in en only)"
                )
        for key in nl:
            if key not in en:
                raise ContentError(
                    f"{_rel(root / 'en' / name)}: {_join(prefix, key)} is missing "
                    "(present in nl only)"
                )
        for key in en:
            _check_parity(root, name, nl[key], en[key], _join(prefix, key))
    elif isinstance(en, list) and isinstance(nl, list):
        if len(en) != len(nl):
            raise ContentError(
                f"{_rel(root / 'nl' / name)}: {prefix} has {len(nl)} items, en has {len(en)}"
            )
        for i, (a, b) in enumerate(zip(nl, en, strict=True)):
            _check_parity(root, name, a, b, _join(prefix, i))
    elif isinstance(en, str | Plural) and type(en) is type(nl):
        if _placeholders(en) != _placeholders(nl):
            raise ContentError(
                f"{_rel(root / 'nl' / name)}: {prefix} uses placeholders "
                f"{sorted(_placeholders(nl))}, en uses {sorted(_placeholders(en))}"
            )
    elif type(en) is not type(nl):
        raise ContentError(f"{_rel(root / 'nl' / name)}: {prefix} differs in shape from en")
