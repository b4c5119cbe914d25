import csv
import io
import json

import pytest

from areatour.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("areatour ")


def test_help_lists_subcommands(capsys):
    code, out, _ = run(capsys)
    assert code == 0
    for command in ("areas", "towns", "assets", "validate"):
        assert command in out


def test_areas(capsys):
    code, out, _ = run(capsys, "areas", "--format", "csv")
    rows = {r["area_id"]: r for r in csv.DictReader(io.StringIO(out))}
    assert code == 0 and rows["minami-sorachi"]["towns"] == "9"
    assert rows["nemuro"]["kind"] == "council"


def test_towns_csv(capsys):
    code, out, _ = run(capsys, "towns", "--area", "minami-sorachi", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 9
    assert {"code", "name_ja", "name_en", "subprefecture", "lat", "lon"} <= set(rows[0])
    assert "01428" in {r["code"] for r in rows}


def test_towns_geojson(capsys):
    code, out, _ = run(capsys, "towns", "--area", "nemuro", "--format", "geojson")
    data = json.loads(out)
    assert code == 0 and len(data["features"]) == 5


def test_towns_english_table(capsys):
    code, out, _ = run(capsys, "towns", "--area", "nemuro", "--lang", "en")
    assert code == 0 and "Rausu" in out


def test_assets_csv(capsys):
    code, out, _ = run(capsys, "assets", "--area", "nemuro", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows
    assert {
        "id",
        "name_ja",
        "name_en",
        "municipality_code",
        "category",
        "lat",
        "lon",
        "source",
    } <= set(rows[0])
    assert all(r["source"] for r in rows)


def test_unknown_area_is_a_one_line_error(capsys):
    code, out, err = run(capsys, "towns", "--area", "atlantis")
    assert code == 2 and out == ""
    assert err.startswith("areatour: error: unknown area") and err.count("\n") == 1
    assert "Traceback" not in err


def test_validate(capsys, tmp_path):
    code, _, err = run(capsys, "validate", str(tmp_path / "missing"))
    assert code == 2 and "catalog folder not found" in err
    from areatour.resources import data_dir

    code, out, _ = run(capsys, "validate", str(data_dir()))
    assert code == 0 and "valid" in out


def test_debug_shows_the_traceback():
    from areatour import UnknownNameError

    with pytest.raises(UnknownNameError):
        main(["--debug", "towns", "--area", "atlantis"])
    with pytest.raises(UnknownNameError):
        main(["towns", "--area", "atlantis", "--debug"])


TINY = ["--catalog", "tests/fixtures/tiny"]


@pytest.fixture
def in_repo(monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(Path(__file__).resolve().parents[1])


def test_plan_writes_json_and_prints_the_schedule(capsys, tmp_path, in_repo):
    out = tmp_path / "p.json"
    code, text, err = run(
        capsys,
        "plan",
        *TINY,
        "--towns",
        "01428",
        "01429",
        "--start",
        "2027-07-12",
        "--days",
        "2",
        "--style",
        "satellite",
        "--from",
        "01428-gateway-test-station",
        "--to",
        "01428-gateway-test-station",
        "--time-limit",
        "1",
        "--json",
        str(out),
        "--lang",
        "en",
    )
    assert code == 0, err
    assert "Test Cowork" in text and "Day 2" in text
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["request"]["style"] == "satellite" and len(data["days"]) == 2


def test_plan_infeasible_exits_1(capsys, in_repo):
    code, _, err = run(
        capsys,
        "plan",
        *TINY,
        "--towns",
        "01428",
        "01429",
        "--start",
        "2027-07-12",
        "--days",
        "2",
        "--style",
        "satellite",
        "--from",
        "01428-gateway-test-station",
        "--exclude",
        "01428-workspace-test-cowork",
        "--time-limit",
        "1",
    )
    assert code == 1
    assert "infeasible" in err and "no workspace" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "argv",
    [
        ["--start", "2027-13-01"],
        ["--start", "2027-07-12", "--days", "20"],
        ["--start", "2027-07-12", "--interest", "onsen"],
        ["--start", "2027-07-12", "--style", "holiday"],
    ],
)
def test_plan_bad_input_exits_2(capsys, argv, in_repo):
    code, _, err = run(capsys, "plan", *TINY, "--towns", "01428", *argv)
    assert code == 2 and err.startswith("areatour: error:") and err.count("\n") == 1
