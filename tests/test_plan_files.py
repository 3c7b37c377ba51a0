"""A user takes a plan out as a file and brings it back in, on the web and on the command line."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest

from app.cli import main
from tests.conftest import Actions, csrf_token
from tests.unit.test_planfile import EXAMPLE


def _upload(user, content: bytes, filename="plan.json"):
    token = csrf_token(user.client)
    return user.client.post(
        "/plans/import",
        data={"csrf_token": token, "plan_file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )


def test_a_plan_downloads_as_a_named_json_file(ann):
    plan_id = ann.create_plan("Bakker & Zonen")
    page = ann.client.get(f"/plans/{plan_id}").get_data(as_text=True)
    assert f'href="/plans/{plan_id}/export.json"' in page
    response = ann.client.get(f"/plans/{plan_id}/export.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert re.fullmatch(
        r'attachment; filename="exitplan-bakker-zonen-\d{4}-\d\d-\d\d\.json"',
        response.headers["Content-Disposition"],
    )
    document = json.loads(response.get_data(as_text=True))
    assert document["format"] == "exitcoach-plan/1"
    assert document["client"]["name"] == "Bakker & Zonen"


def test_another_users_plan_file_is_404(app, ann):
    plan_id = ann.create_plan()
    bob = Actions(app.test_client())
    bob.register("bob@example.com")
    assert bob.client.get(f"/plans/{plan_id}/export.json").status_code == 404


def test_uploading_a_plan_file_creates_a_new_plan(ann):
    response = _upload(ann, json.dumps(EXAMPLE).encode())
    assert response.status_code == 302
    page = ann.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Van Dijk Installatietechniek" in page
    assert "has been imported" in page


def test_export_then_import_gives_the_same_file(ann):
    first = _upload(ann, json.dumps(EXAMPLE).encode()).headers["Location"]
    exported = ann.client.get(f"{first}/export.json").get_data()
    second = _upload(ann, exported).headers["Location"]
    assert ann.client.get(f"{second}/export.json").get_data() == exported


def test_a_wrong_value_is_named_by_its_path_and_nothing_is_created(ann):
    bad = json.loads(json.dumps(EXAMPLE))
    bad["financial"]["service_hours"][1]["hours_per_week"] = -2
    response = _upload(ann, json.dumps(bad).encode())
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "financial.service_hours[1].hours_per_week: must be ≥ 0" in page
    assert 'id="plan_file-error"' in page
    assert "No plans yet." in page


def test_dutch_users_read_the_problems_in_dutch(ann):
    ann.switch_language("nl")
    response = _upload(ann, json.dumps({**EXAMPLE, "language": "de"}).encode())
    assert "language: moet een van deze zijn: nl, en" in response.get_data(as_text=True)
    assert "Dit bestand kan niet worden geïmporteerd" in response.get_data(as_text=True)


@pytest.mark.parametrize("content", [b"\x89PNG\r\n\x1a\n\x00\x00garbage", b"{not json"])
def test_garbage_gets_a_clear_error(ann, content):
    response = _upload(ann, content)
    assert response.status_code == 422
    assert "is not a valid plan file" in response.get_data(as_text=True)


def test_a_five_megabyte_upload_gets_a_clear_error_next_to_the_field(ann):
    boundary = "exitcoach-test"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
            f"{csrf_token(ann.client)}\r\n--{boundary}\r\nContent-Disposition: form-data; "
            f'name="plan_file"; filename="big.json"\r\nContent-Type: application/json\r\n\r\n'
        ).encode()
        + b" " * (5 * 1024 * 1024)
        + f"\r\n--{boundary}--\r\n".encode()
    )
    response = ann.client.post(
        "/plans/import", data=body, content_type=f"multipart/form-data; boundary={boundary}"
    )
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert "too large for a plan file" in page
    assert 'id="plan_file-error"' in page


def test_an_upload_without_a_file_says_so(ann):
    token = csrf_token(ann.client)
    response = ann.client.post("/plans/import", data={"csrf_token": token})
    assert response.status_code == 422
    assert "Choose a plan file to import." in response.get_data(as_text=True)


def test_an_upload_without_csrf_token_is_refused(ann):
    response = ann.client.post(
        "/plans/import",
        data={"plan_file": (io.BytesIO(b"{}"), "plan.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400


# ---- the command line ---------------------------------------------------------------------------


@pytest.fixture
def cli_env(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "cli-test")


def test_cli_import_export_round_trip(app, ann, cli_env, tmp_path, capsys):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    assert main(["import", str(path), "--user", "ann@example.com"]) == 0
    plan_id, plan_path = capsys.readouterr().out.split()
    assert plan_path == f"/plans/{plan_id}"
    assert ann.client.get(plan_path).status_code == 200
    out = tmp_path / "out.json"
    assert main(["export", plan_id, "-o", str(out)]) == 0
    assert main(["import", str(out), "--user", "ann@example.com"]) == 0
    second_id = capsys.readouterr().out.split()[0]
    assert main(["export", second_id]) == 0
    assert capsys.readouterr().out == out.read_text(encoding="utf-8")


def test_cli_import_names_the_bad_path_and_exits_2(cli_env, tmp_path, capsys, ann):
    bad = json.loads(json.dumps(EXAMPLE))
    bad["financial"]["service_hours"][1]["hours_per_week"] = -2
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert main(["import", str(path), "--user", "ann@example.com"]) == 2
    err = capsys.readouterr().err
    assert "exitcoach: financial.service_hours[1].hours_per_week: must be ≥ 0" in err


def test_cli_import_for_an_unknown_user_exits_2(cli_env, tmp_path, capsys):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(EXAMPLE), encoding="utf-8")
    assert main(["import", str(path), "--user", "nobody@example.com"]) == 2
    assert "no account for nobody@example.com" in capsys.readouterr().err


def test_cli_analyze_prints_the_analysis(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(EXAMPLE).encode())))
    assert main(["analyze", "-"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {
        "financial",
        "break_even",
        "strain_score",
        "value_score",
        "recommendation",
        "rule",
        "readiness",
        "potential_exception",
    }
    # revenue 84,000 × 28 % = 23,520; service (5×70 + 4×55.5) × 46 = 26,312
    assert result["financial"]["gross_profit"] == 23520.0
    assert result["financial"]["service_cost"] == 26312.0
    assert result["financial"]["verdict"] == "loss"
    assert result["recommendation"] == "exit"
    assert result["rule"] == 1


def test_cli_analyze_of_garbage_exits_2(tmp_path, capsys):
    path = tmp_path / "x.json"
    path.write_bytes(b"\x00\x01")
    assert main(["analyze", str(path)]) == 2
    assert "(file): is not a valid plan file" in capsys.readouterr().err
    assert main(["analyze", str(tmp_path / "missing.json")]) == 2


def test_cli_import_refuses_a_file_over_one_megabyte(cli_env, tmp_path, capsys, ann):
    path = tmp_path / "big.json"
    path.write_bytes(json.dumps(EXAMPLE).encode() + b" " * (1024 * 1024))
    assert main(["import", str(path), "--user", "ann@example.com"]) == 2
    err = capsys.readouterr().err
    assert "exitcoach: (file): is too large for a plan file (1 MB at most)" in err
    assert "No plans yet." in ann.client.get("/plans").get_data(as_text=True)


def test_a_plan_file_with_a_nul_byte_or_a_lone_surrogate_is_refused_in_dutch(ann):
    ann.switch_language("nl")
    bad = json.loads(json.dumps(EXAMPLE))
    bad["client"]["name"] = "Van Dijk\x00"
    bad["lessons"] = "kapot \ud800"
    response = _upload(ann, json.dumps(bad).encode())
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "client.name: bevat een stuurteken (zoals NUL)" in page
    assert "lessons: bevat een ongeldig teken (een los UTF-16-surrogaat)" in page
