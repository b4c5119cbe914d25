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
