from pathlib import Path

from areatour.catalog import load_catalog
from areatour.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_import_prints_imported_and_skipped(capsys):
    code, out, _ = run(capsys, "import", FIXTURES / "014281_tourism.csv", "--kind", "tourism")
    assert code == 0
    assert "4 imported, 6 skipped" in out
    assert "imported row 1: 01428-onsen-tourism-1 テスト温泉 [onsen]" in out
    assert "skipped row 6: municipality not in the catalog: 13122 葛飾区" in out


def test_import_strict_exits_2(capsys):
    args = ("import", FIXTURES / "014281_tourism.csv", "--kind", "tourism", "--strict")
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "6 problems" in err and "row 4" in err and "row 10" in err


def test_import_bad_input_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "import", tmp_path / "missing.csv", "--kind", "wifi")
    assert code == 2 and "cannot read file" in err
    code, _, err = run(
        capsys, "import", FIXTURES / "014281_event.csv", "--kind", "event", "--mapping", "x.csv"
    )
    assert code == 2 and "only applies to --kind tourism" in err
    code, _, err = run(capsys, "import", FIXTURES / "014281_tourism.csv", "--kind", "event")
    assert code == 2 and "開始日" in err


def test_import_to_folder_and_gpkg(capsys, tmp_path):
    base = load_catalog()
    folder = tmp_path / "cat"
    code, _, _ = run(
        capsys,
        "import",
        FIXTURES / "014281_tourism_excel.csv",
        "--kind",
        "tourism",
        "--mapping",
        FIXTURES / "mapping.csv",
        "--out",
        folder,
    )
    assert code == 0
    written = load_catalog(folder)
    assert len(written.assets) == len(base.assets) + 3
    assert "01428-gourmet-tourism-1" in written.assets
    gpkg = tmp_path / "cat.gpkg"
    args = ("import", FIXTURES / "014281_event.csv", "--kind", "event")
    code, _, _ = run(capsys, *args, "--catalog", folder, "--out", gpkg)
    assert code == 0
    assert len(load_catalog(gpkg).assets) == len(base.assets) + 5
    code, out, _ = run(capsys, "validate", gpkg)
    assert code == 0 and "valid" in out
    # importing the same file again clashes with the ids unless --replace
    code, _, err = run(capsys, *args, "--catalog", gpkg, "--out", gpkg)
    assert code == 2 and "already in the catalog" in err
    code, _, _ = run(capsys, *args, "--catalog", gpkg, "--out", gpkg, "--replace")
    assert code == 0


def test_import_with_municipality(capsys):
    code, out, _ = run(
        capsys,
        "import",
        FIXTURES / "010006_tourism_new.csv",
        "--kind",
        "tourism",
        "--municipality",
        "01428",
    )
    assert code == 0 and "1 imported, 1 skipped" in out


def test_kind_is_detected(capsys, tmp_path):
    for name, kind in [
        ("014281_tourism_excel.csv", "tourism"),
        ("010006_tourism_new.csv", "tourism"),
        ("014281_public_wireless_lan.csv", "wifi"),
        ("014281_event.csv", "event"),
        ("014281_cultural_property.csv", "heritage"),
    ]:
        code, out, _ = run(capsys, "import", FIXTURES / name)
        assert code == 0 and f"({kind}, " in out.splitlines()[0]
    unclear = tmp_path / "unclear.csv"
    unclear.write_text("名称,緯度,経度\nテスト,43.0,141.7\n", encoding="utf-8")
    code, _, err = run(capsys, "import", unclear)
    assert code == 2 and "cannot tell which dataset" in err
