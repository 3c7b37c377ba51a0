"""Coaching content and analysis defaults, loaded once from `content/` and validated.

Content is data: every text exists in Dutch and English with the same keys, none is empty, and
`model.yaml` matches its schema. A broken file stops the app at start-up with a message that
names the file and the key, instead of a half-translated screen in front of a user.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.content_model import ModelError, validate_model
from app.content_schema import (
    ADDRESSED,
    ADDRESSED_PLURAL,
    ADDRESSING_LANGUAGES,
    PLURAL,
    SCHEMA,
    TEXT,
    TEXTS,
)
from app.domain import examples, tips
from app.domain.planfile import PlanFileError, validate_plan
from app.domain.words import ADDRESS_FORMS, CATEGORIES, Addressed, Plural, plural_categories

LANGUAGES = ("nl", "en")
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "content"


class ContentError(Exception):
    """Content that the app refuses to start with; the message names file and key."""


@dataclass(frozen=True)
class Content:
    """All content: `model` (analysis defaults), `texts[lang][file_stem]` and the example
    plans of `content/examples` by name (the file name without `.json`)."""

    model: dict[str, Any]
    texts: dict[str, dict[str, Any]]
    examples: dict[str, dict[str, Any]] = field(default_factory=dict)

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
            _check_schema(path, data, SCHEMA.get(name, {}), "", lang)
            _check_leaves(path, data, "", lang)
            texts[lang][path.stem] = _with_plurals(data, lang)
    for name in sorted(files["en"]):
        stem = Path(name).stem
        _check_parity(root, name, texts["nl"][stem], texts["en"][stem], "")
    for lang, problem in tips.problems({lang: texts[lang].get("tips") for lang in LANGUAGES}):
        raise ContentError(f"{_rel(root / lang / 'tips.yaml')}: {problem}")
    plans = _load_examples(root / "examples", model)
    for lang in LANGUAGES:
        for problem in examples.problems(texts[lang]["examples"], lang, plans):
            raise ContentError(f"{_rel(root / lang / 'examples.yaml')}: {problem}")
    return Content(model=model, texts=texts, examples=plans)


def _load_examples(folder: Path, model: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every example plan in `folder`, each checked against the plan schema."""
    plans = {}
    for path in sorted(folder.glob("*.json")):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            plans[path.stem] = validate_plan(document, model)
        except (UnicodeDecodeError, ValueError) as exc:
            problems = "; ".join(exc.messages()) if isinstance(exc, PlanFileError) else str(exc)
            raise ContentError(f"{_rel(path)}: not a valid plan ({problems})") from exc
    return plans


def _rel(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# LibYAML's parser when PyYAML was built with it (the wheels are): the same safe subset of
# YAML, eight times faster than the pure-Python one; every app start and `exitcoach pdf`
# reads all of content/.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - safe
    except FileNotFoundError as exc:
        raise ContentError(f"{_rel(path)}: file is missing") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContentError(f"{_rel(path)}: not valid YAML ({exc})") from exc


def _load_model(path: Path) -> dict[str, Any]:
    try:
        return validate_model(_read_yaml(path))
    except ModelError as exc:
        raise ContentError(f"{_rel(path)}: {exc}") from exc


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


def _is_addressed(data: Any) -> bool:
    """A mapping whose keys are exactly the forms of address is a text in both forms."""
    return isinstance(data, Mapping) and set(data) == set(ADDRESS_FORMS)


def _check_schema(path: Path, data: Any, schema: Any, prefix: str, lang: str) -> None:
    if schema in (ADDRESSED, ADDRESSED_PLURAL):
        inner = TEXT if schema == ADDRESSED else PLURAL
        if lang not in ADDRESSING_LANGUAGES:
            _check_schema(path, data, inner, prefix, lang)
            return
        if not _is_addressed(data):
            raise ContentError(
                f"{_rel(path)}: {prefix} must have both forms of address (je: …, u: …)"
            )
        for form in ADDRESS_FORMS:
            _check_schema(path, data[form], inner, _join(prefix, form), lang)
        return
    if schema == TEXT:
        if not isinstance(data, str):
            raise ContentError(f"{_rel(path)}: {prefix} must be a text")
        return
    if schema == TEXTS:
        if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
            raise ContentError(f"{_rel(path)}: {prefix} must be a list of texts")
        return
    if schema == PLURAL:
        if not _is_plural(data):
            raise ContentError(f"{_rel(path)}: {prefix} must have plural forms (one: …, other: …)")
        return
    for key, sub in schema.items():
        where = _join(prefix, key)
        if not isinstance(data, Mapping) or key not in data:
            raise ContentError(f"{_rel(path)}: {where} is missing")
        _check_schema(path, data[key], sub, where, lang)


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


def _check_addressed(path: Path, data: Mapping, prefix: str, lang: str) -> None:
    """Both forms of address, in a language that has them, with the same placeholders."""
    if lang not in ADDRESSING_LANGUAGES:
        raise ContentError(
            f"{_rel(path)}: {prefix}: '{lang}' has one form of address, not je and u"
        )
    for form in ADDRESS_FORMS:
        _check_leaves(path, data[form], _join(prefix, form), lang)
    shapes = {frozenset(_placeholders(_with_plurals(data[form], lang))) for form in ADDRESS_FORMS}
    if len(shapes) > 1:
        raise ContentError(f"{_rel(path)}: {prefix}: je and u use different placeholders")


def _check_leaves(path: Path, data: Any, prefix: str, lang: str) -> None:
    if _is_addressed(data):
        _check_addressed(path, data, prefix, lang)
    elif _is_plural(data):
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
    """The validated content with each plural text made a `Plural` of its language, and
    each text in both forms of address an `Addressed`."""
    if _is_addressed(data):
        return Addressed({form: _with_plurals(data[form], lang) for form in ADDRESS_FORMS})
    if _is_plural(data):
        return Plural(lang, dict(data))
    if isinstance(data, Mapping):
        return {key: _with_plurals(value, lang) for key, value in data.items()}
    if isinstance(data, list):
        return [_with_plurals(value, lang) for value in data]
    return data


def _placeholders(text: str | Plural | Addressed) -> set[str]:
    if isinstance(text, Addressed):
        return set().union(*(_placeholders(form) for form in text.forms.values()))
    if isinstance(text, Plural):
        return set().union(*(_placeholders(form) for form in text.forms.values()))
    return set(re.findall(r"\{(\w+)\}", text))


def _check_parity(root: Path, name: str, nl: Any, en: Any, prefix: str) -> None:
    """Both languages hold the same keys, the same list lengths, texts in the same places.

    A Dutch text in both forms of address stands beside the one English form: each Dutch
    form has the shape of the English text (plain or with plural forms), and all share the
    same placeholders."""
    if isinstance(nl, Addressed) and isinstance(en, str | Plural):
        for form in ADDRESS_FORMS:
            _check_parity(root, name, nl[form], en, _join(prefix, form))
        return
    if isinstance(en, Plural) or isinstance(nl, Plural):
        if type(en) is not type(nl):
            raise ContentError(f"{_rel(root / 'nl' / name)}: {prefix} differs in shape from en")
        if _placeholders(en) != _placeholders(nl):
            raise ContentError(
                f"{_rel(root / 'nl' / name)}: {prefix} uses placeholders "
                f"{sorted(_placeholders(nl))}, en uses {sorted(_placeholders(en))}"
            )
    elif isinstance(en, Mapping) and isinstance(nl, Mapping):
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
    elif isinstance(en, str) and isinstance(nl, str):
        if _placeholders(en) != _placeholders(nl):
            raise ContentError(
                f"{_rel(root / 'nl' / name)}: {prefix} uses placeholders "
                f"{sorted(_placeholders(nl))}, en uses {sorted(_placeholders(en))}"
            )
    elif type(en) is not type(nl):
        raise ContentError(f"{_rel(root / 'nl' / name)}: {prefix} differs in shape from en")
