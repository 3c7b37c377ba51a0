"""The schema of `content/model.yaml`: the analysis defaults, thresholds and the fixed id lists."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.domain.keys import (
    ALTERNATIVE_KINDS,
    ALTERNATIVE_STATUSES,
    DEPARTMENTS,
    INTERPERSONAL,
    PITFALLS,
    RECOMMENDATIONS,
    VALUE,
)


class ModelError(ValueError):
    """model.yaml does not match its schema; the message names the key."""


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
    # Optional so a model file written before the potential exception still loads.
    potential_high: int = Field(default=4, ge=1, le=5)


class _Portfolio(_Strict):
    class_a: float = Field(gt=0, lt=100)
    class_b: float = Field(gt=0, lt=100)
    class_c: float = Field(gt=0, lt=100)
    e_strain: int = Field(ge=0, le=100)
    e_value: int = Field(ge=0, le=100)
    tiring_strain: int = Field(ge=0, le=100)
    tiring_days_late: int = Field(ge=0, le=365)
    flourishing_pct: float = Field(ge=-100, le=100)
    flourishing_days_late: int = Field(ge=0, le=365)
    flourishing_strain: int = Field(ge=0, le=100)
    interesting_value: int = Field(ge=0, le=100)
    pearl_share: float = Field(ge=0, le=100)
    pearl_days_late: int = Field(ge=0, le=365)
    pearl_potential: int = Field(ge=1, le=5)


class _Rhythm(_Strict):
    visit_every_months: int | None = Field(ge=1, le=24)
    call_every_weeks: int | None = Field(ge=1, le=52)


class _PortfolioRhythm(_Strict):
    flourishing: _Rhythm
    interesting: _Rhythm
    steady: _Rhythm
    tiring: _Rhythm


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
    portfolio: _Portfolio
    portfolio_rhythm: _PortfolioRhythm


def validate_model(data: Any) -> dict[str, Any]:
    """The model as a plain dict, or ModelError naming the first key that is wrong."""
    try:
        model = ModelSchema.model_validate(data).model_dump()
    except ValidationError as exc:
        err = exc.errors()[0]
        key = ".".join(str(p) for p in err["loc"]) or "(top)"
        raise ModelError(f"{key}: {err['msg']}") from exc
    limits = model["portfolio"]
    if not limits["class_a"] < limits["class_b"] < limits["class_c"]:
        raise ModelError("portfolio: class_a, class_b and class_c must rise")
    for key, ids in _MODEL_KEYS.items():
        if tuple(model[key]) != ids:
            raise ModelError(f"{key}: must list exactly {', '.join(ids)}")
    return model
