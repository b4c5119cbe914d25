"""``areatour analyze`` through ``main([...])``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from areatour.cli import main

FIXTURE = str(Path(__file__).parent / "fixtures" / "analysis")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["analyze", "--catalog", FIXTURE, *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_table_has_three_sections(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--area", "kita-sorachi")
    assert code == 0
    assert out.startswith("# profile\n")
    assert "\n# partners\n" in out and "\n# gaps\n" in out
    assert "北竜町" in out and "旭川市" in out and "none found" in out


def test_csv_partners_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--area", "kita-sorachi", "--format", "csv", "--section",
                       "partners", "--lang", "en")  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["code"] for r in rows] == ["01228", "01433", "01434", "01437", "01438"]
    by_code = {r["code"]: r for r in rows}
    assert by_code["01438"]["town"] == "Numata"
    assert by_code["01228"]["partner"] in {"Hokuryu", "Chippubetsu"}
    assert float(by_code["01228"]["score"]) > 0


def test_csv_profile_counts(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--area", "kita-sorachi", "--format", "csv", "--section", "profile")
    assert code == 0
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(out))}
    assert rows["01228"]["total"] == "3" and rows["01438"]["total"] == "0"
    assert rows["01437"]["nature"] == "1"


def test_gaps_section(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--area", "kita-sorachi", "--format", "csv", "--section", "gaps")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    workspace = [r for r in rows if r["category"] == "workspace"]
    assert workspace[0]["nearest_town"] == "旭川市"


def test_winter_date_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--area", "kita-sorachi", "--date", "2027-01-15")
    assert code == 0 and "# partners" in out


def test_bad_area_and_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--area", "atlantis")
    assert code == 2 and "unknown area" in err
    with pytest.raises(SystemExit) as info:
        main(["analyze", "--area", "nemuro", "--date", "tomorrow"])
    assert info.value.code == 2
    capsys.readouterr()


def test_embedded_area(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", "--area", "nemuro"]) == 0
    out = capsys.readouterr().out
    assert "羅臼町" in out
