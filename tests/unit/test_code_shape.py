"""The report and the step forms stay split by meaning (issue 10 point 8): a builder per report
section and a module per group of steps, so the next section or step is a new small file. This
fails when one of them grows back into one long function or one long module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app/domain/report", "app/plans/step_forms")
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 500


def _modules() -> list[Path]:
    return sorted(path for package in PACKAGES for path in (ROOT / package).glob("*.py"))


def test_both_packages_have_a_module_per_part():
    assert len(list((ROOT / PACKAGES[0]).glob("*.py"))) >= 10  # a builder per report section
    assert len(list((ROOT / PACKAGES[1]).glob("*.py"))) >= 6  # a module per group of steps


@pytest.mark.parametrize("path", _modules(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_long_module_and_no_long_function(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES, path
    long = [
        (node.name, node.end_lineno - node.lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == [], f"{path.name}: split these by meaning: {long}"
