"""`exitcoach portfolio import | export | analyze`: the client base on the command line, with
the web import's row-numbered messages and exit status 2 on bad input."""

from __future__ import annotations

import io
import json
import sys

import pytest

from app.cli import main
from tests.portfolio_helpers import EXCEL_NL, import_file, stored_clients, words

BAD = (
    b"client,annual_revenue,gross_margin_pct,strain,notes\r\n"
    b"Northwind Retail,412000,27,2,fine\r\n"
    b"Contoso Ltd,-5000,30,1,\r\n"
    b"Tailspin Toys,88000,31,7,\r\n"
    b"northwind retail,1000,10,1,\r\n"
    b"Adventure Works,150000,22.5,3,\r\n"
)


@pytest.fixture
def cli_env(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "cli-test")


def test_the_portfolio_commands_explain_themselves(capsys):
    with pytest.raises(SystemExit):
        main(["portfolio", "--help"])
    out = capsys.readouterr().out
    assert "import" in out and "export" in out and "analyze" in out
    with pytest.raises(SystemExit):
        main(["portfolio", "import", "--help"])
    assert "the status is 2 when rows were left out" in " ".join(capsys.readouterr().out.split())


def test_import_stores_a_clean_file_and_exits_0(app, ann, cli_env, capsys):
    assert main(["portfolio", "import", str(EXCEL_NL), "--user", "ann@example.com"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "12 clients added, 0 updated, 0 rows left out\n"
    assert captured.err == ""
    assert len(stored_clients(app)) == 12
    # The same names again: updated, not doubled.
    assert main(["portfolio", "import", str(EXCEL_NL), "--user", "ann@example.com"]) == 0
    assert capsys.readouterr().out == "0 clients added, 12 updated, 0 rows left out\n"
    assert len(stored_clients(app)) == 12


def test_import_stores_the_valid_rows_and_exits_2_with_the_problems(
    app, ann, cli_env, tmp_path, capsys
):
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD)
    assert main(["portfolio", "import", str(path), "--user", "ann@example.com"]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "exitcoach: note: column “notes”: Column not recognised: it is left out.",
        "exitcoach: line 3, column “annual_revenue”: Must not be negative. (found “-5000”)",
        "exitcoach: line 4, column “strain”: Must be a whole number from 1 to 5. (found “7”)",
        "exitcoach: line 5, column “client”: This client is in the file twice (first on line 2):"
        " left out.",
    ]
    assert captured.out == "2 clients added, 0 updated, 3 rows left out\n"
    assert [name for _, name, _ in stored_clients(app)] == ["Northwind Retail", "Adventure Works"]


def test_an_unknown_column_alone_is_only_a_note(app, ann, cli_env, tmp_path, capsys):
    path = tmp_path / "notes.csv"
    path.write_bytes(b"client,notes\r\nNorthwind,call back\r\n")
    assert main(["portfolio", "import", str(path), "--user", "ann@example.com"]) == 0
    assert "note: column “notes”" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"\x00\x01\x02\x03binary", "exitcoach: This is not a text file."),
        (b"klant;jaaromzet\r\n", "exitcoach: The file has a header row but no clients below it."),
        (b"bedrijf;omzet\r\nx;1\r\n", "exitcoach: No column with the client's name was found"),
        (b"client\r\n" + b"x" * (5 * 1024 * 1024), "exitcoach: The file is larger than 5 MB."),
    ],
    ids=["binary", "header-only", "no-client-column", "too-big"],
)
def test_an_unreadable_file_stores_nothing_and_exits_2(
    app, ann, cli_env, tmp_path, capsys, body, message
):
    path = tmp_path / "bad.csv"
    path.write_bytes(body)
    assert main(["portfolio", "import", str(path), "--user", "ann@example.com"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.rstrip().endswith("exitcoach: nothing was imported")
    assert stored_clients(app) == []


def test_import_for_an_unknown_user_or_a_missing_file_exits_2(cli_env, tmp_path, capsys):
    assert main(["portfolio", "import", str(EXCEL_NL), "--user", "nobody@example.com"]) == 2
    assert "no account for nobody@example.com" in capsys.readouterr().err
    assert main(["portfolio", "import", str(tmp_path / "missing.csv"), "--user", "x@y.z"]) == 2
    assert "No such file or directory" in capsys.readouterr().err


def test_import_reads_standard_input(app, ann, cli_env, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"client\r\nNorthwind\r\n")))
    assert main(["portfolio", "import", "-", "--user", "ann@example.com"]) == 0
    assert stored_clients(app)[0][1] == "Northwind"


def test_export_writes_the_same_file_as_the_web(app, ann, cli_env, tmp_path, capsys):
    ann.switch_language("nl", "/portfolio/import")
    import_file(ann, EXCEL_NL.read_bytes())
    web = ann.client.get("/portfolio/export.csv").data
    out = tmp_path / "out.csv"
    # Ann chose Dutch: her export is Dutch unless asked otherwise.
    assert main(["portfolio", "export", "--user", "ann@example.com", "-o", str(out)]) == 0
    assert out.read_bytes() == web
    assert main(["portfolio", "export", "--user", "ann@example.com", "--language", "en"]) == 0
    english = capsys.readouterr().out
    assert english.startswith("client,annual_revenue,gross_margin_pct,")
    assert "\nBakkerij De Korenaar,184000,32.5,6,58.5,2400,4,2,4,4\r" in english
    # Round trip: the export imported again gives the same export.
    assert main(["portfolio", "import", str(out), "--user", "ann@example.com"]) == 0
    assert main(["portfolio", "export", "--user", "ann@example.com", "--language", "nl"]) == 0
    assert capsys.readouterr().out.encode().endswith(out.read_bytes()[3:])


def test_export_for_an_unknown_user_exits_2(cli_env, capsys):
    assert main(["portfolio", "export", "--user", "nobody@example.com"]) == 2
    assert "no account for nobody@example.com" in capsys.readouterr().err


def test_analyze_prints_the_json_of_the_contract_without_a_database(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    assert main(["portfolio", "analyze", str(EXCEL_NL)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"clients", "whale", "classes"}
    assert [c["client"] for c in result["clients"]][:3] == [
        "Bakkerij De Korenaar",
        "Van Dijk Installatietechniek",
        "Café de Zwaan",
    ]
    assert result["clients"][0] == {
        "client": "Bakkerij De Korenaar",
        "contribution": 41092.68,
        "contribution_pct": 22.3,
        "strain_score": 25,
        "value_score": 75,
        "revenue_share_before": 80.2,
        "class": "C",
        "segment": "flourishing",
        "pearl": True,
    }
    assert result["whale"] == {"peak_pct": 115.9, "loss_making_share_pct": 33.3}
    assert result["classes"] == {"A": 1, "B": 2, "C": 3, "D": 2, "E": 4}


def test_analyze_of_bad_input_exits_2_with_numbered_messages(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD)
    assert main(["portfolio", "analyze", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "exitcoach: line 3, column “annual_revenue”: Must not be negative." in captured.err
    assert "exitcoach: line 4, column “strain”" in captured.err
    path.write_bytes(b"\xff\xfe\x00\x00junk")
    assert main(["portfolio", "analyze", str(path)]) == 2
    assert "This is not a text file." in capsys.readouterr().err
    assert main(["portfolio", "analyze", str(tmp_path / "missing.csv")]) == 2


def test_the_web_and_the_command_line_word_a_problem_alike(ann, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD)
    main(["portfolio", "analyze", str(path)])
    err = capsys.readouterr().err
    from tests.portfolio_helpers import upload

    page = words(upload(ann, BAD))
    for what in ("Must not be negative.", "Must be a whole number from 1 to 5."):
        assert what in err and what in page
