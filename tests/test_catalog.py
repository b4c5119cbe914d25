import csv
import shutil
from pathlib import Path

import pytest

import areatour
from areatour import DataError, UnknownNameError, load_catalog
from areatour.resources import data_dir

COUNCILS = {"kita-sorachi": 5, "naka-sorachi": 10, "minami-sorachi": 9, "nemuro": 5}


def test_all_179_municipalities(catalog):
    assert len(catalog.municipalities) == 179
    assert "01100" in catalog.municipalities  # Sapporo as one city
    assert not any(c in catalog.municipalities for c in ("01101", "01695", "01700"))
    kinds = {m.kind for m in catalog.municipalities.values()}
    assert kinds == {"city", "town", "village"}
    for m in catalog.municipalities.values():
        assert len(m.code) == 5 and m.code.startswith("01")
        assert m.lgcode[:5] == m.code and len(m.lgcode) == 6
        assert (m.county_ja == "") == (m.kind == "city")


def test_areas(catalog):
    subprefectures = [a for a in catalog.areas.values() if a.kind == "subprefecture"]
    # 根室振興局 is also the council area "nemuro" (same five towns)
    assert len(subprefectures) + 1 == 14
    assert {a.id for a in catalog.areas.values()} >= set(COUNCILS)
    for area_id, n in COUNCILS.items():
        assert len(catalog.area(area_id).members) == n
    assert "01436" in catalog.area("naka-sorachi")  # 雨竜町 per the wide-area bodies
    sorachi = catalog.area("sorachi").members
    councils = [
        c
        for a in ("kita-sorachi", "naka-sorachi", "minami-sorachi")
        for c in catalog.area(a).members
    ]
    assert sorted(councils) == sorted(sorachi)


def test_lookups(catalog):
    assert catalog.municipality("長沼町").code == "01428"
    assert catalog.municipality("naganuma").code == "01428"
    assert catalog.municipality("014281").name_en == "Naganuma"
    assert catalog.municipality("長沼").code == "01428"
    assert catalog.area("南空知").id == "minami-sorachi"
    assert catalog.area("Minami-Sorachi").id == "minami-sorachi"


def test_unknown_area_lists_valid_ids(catalog):
    with pytest.raises(UnknownNameError, match="minami-sorachi") as info:
        catalog.area("south-sorachi")
    assert isinstance(info.value, KeyError)


def test_unknown_municipality(catalog):
    with pytest.raises(UnknownNameError, match="unknown municipality"):
        catalog.municipality("Atlantis")


def test_custom_area(catalog):
    area = catalog.custom_area(["Naganuma", "由仁町"], id="my-area")
    assert area.members == ("01428", "01427") and area.kind == "custom"


def test_municipalities_gdf(catalog):
    gdf = catalog.municipalities_gdf("minami-sorachi")
    assert gdf.crs.to_epsg() == 4326
    assert {"code", "name_ja", "name_en", "subprefecture", "geometry"} <= set(gdf.columns)
    assert len(gdf) == 9 and (gdf.geom_type == "Point").all()
    row = gdf.set_index("code").loc["01428"]
    assert (row.geometry.x, row.geometry.y) == (row.lon, row.lat)


def test_version():
    assert areatour.__version__


# ---------------------------------------------------------------- malformed data
@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A writable copy of the embedded municipalities + areas, without assets."""
    target = tmp_path / "catalog"
    shutil.copytree(data_dir() / "municipalities", target / "municipalities")
    (target / "assets").mkdir()
    # no assets here, so the areas cannot name the embedded gateways
    areas = target / "municipalities" / "areas.csv"
    with open(areas, encoding="utf-8", newline="") as fh:
        rows = [{**r, "gateways": ""} for r in csv.DictReader(fh)]
    with open(areas, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return target


def test_area_gateway_must_be_a_known_asset(folder):
    _edit(folder / "municipalities" / "areas.csv", "council,,", "council,01428-gateway-x,")
    with pytest.raises(DataError, match="gateway of area kita-sorachi is not a known asset"):
        load_catalog(folder)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bad_municipality_rows_are_all_reported(folder):
    path = folder / "municipalities" / "municipalities.csv"
    _edit(path, "01428,014281,長沼町", "01428,014282,")  # wrong check digit + empty name
    _edit(path, "01429,", "01427,")  # duplicate code
    with pytest.raises(DataError) as info:
        load_catalog(folder)
    issues = {(i.column, i.message.split(":")[0]) for i in info.value.issues}
    assert ("lgcode", "wrong check digit") in issues
    assert ("name_ja", "required value is empty") in issues
    assert ("code", "duplicate municipality code") in issues
    text = str(info.value)
    assert "municipalities.csv" in text and "row " in text


def test_coordinates_outside_hokkaido(folder):
    path = folder / "municipalities" / "municipalities.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    row = next(i for i, r in enumerate(rows, start=1) if r["code"] == "01428")
    rows[row - 1]["lat"] = "35.68"  # Tokyo
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(DataError) as info:
        load_catalog(folder)
    (issue,) = info.value.issues
    assert (issue.row, issue.column, issue.value) == (row, "lat", "35.68")
    assert "outside Hokkaido" in issue.message


def test_area_member_unknown(folder):
    with open(folder / "municipalities" / "area_members.csv", "a", encoding="utf-8") as fh:
        fh.write("nemuro,01999,\n")
    with pytest.raises(DataError, match="not a known municipality"):
        load_catalog(folder)


def test_cp932_excel_file_with_stripped_codes(folder):
    path = folder / "municipalities" / "area_members.csv"
    text = path.read_text(encoding="utf-8").replace(",01", ",1")
    path.write_bytes(text.encode("cp932"))
    cat = load_catalog(folder)
    assert cat.area("nemuro").members[0] == "01223"


ASSET_HEADER = (
    "id,name_ja,name_en,municipality_code,category,lat,lon,appeal,source,hours,tags,months"
)


def _assets(folder: Path, *rows: str) -> None:
    (folder / "assets" / "mine.csv").write_text(
        ASSET_HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )


def test_user_assets_load(folder):
    _assets(
        folder,
        "01428-onsen-x,テスト温泉,Test Onsen,01428,onsen,43.01,141.69,3,"
        "town page | https://example.org,Mo-Fr 10:00-21:00,sauna,4-10",
    )
    cat = load_catalog(folder)
    asset = cat.asset("01428-onsen-x")
    assert asset.months == frozenset(range(4, 11)) and asset.tags == ("sauna",)
    assert cat.assets_in("Naganuma") == (asset,)


def test_bad_assets_reported_with_row_and_column(folder):
    _assets(
        folder,
        "01428-onsen-x,テスト,Test,01999,spa,43.01,141.69,3,src,Mo 25-26,nope,13",
        "01428-onsen-y,テスト,Test,01428,onsen,43.01,141.69,9,,,,",
        "01428-onsen-y,テスト,Test,01428,onsen,43.01,141.69,3,src,,,",
    )
    with pytest.raises(DataError) as info:
        load_catalog(folder)
    found = {(i.row, i.column) for i in info.value.issues}
    assert {
        (1, "municipality_code"),
        (1, "category"),
        (1, "hours"),
        (1, "tags"),
        (1, "months"),
        (2, "appeal"),
        (2, "source"),
    } <= found
    assert any(i.column == "id" and "duplicate" in i.message for i in info.value.issues) is False
    # the duplicate of a rejected row is not a duplicate; a duplicate of a good row is
    _assets(folder, *(["01428-onsen-y,テスト,Test,01428,onsen,43.01,141.69,3,src,,,"] * 2))
    with pytest.raises(DataError, match="duplicate asset id"):
        load_catalog(folder)


# ---------------------------------------------------------------- season defaults
def test_subcategory_season_default_applies_only_when_months_are_unknown(folder):
    import datetime as dt

    (folder / "assets" / "mine.csv").write_text(
        "id,name_ja,name_en,municipality_code,category,subcategory,lat,lon,appeal,source,months\n"
        "01428-activity-ski,テストスキー場,Test Ski,01428,activity,ski_area,43.01,141.69,3,src,\n"
        "01428-activity-ski2,スキー場2,Ski 2,01428,activity,ski_area,43.01,141.69,3,src,1-2\n"
        "01428-activity-farm,農園,Farm,01428,activity,farm,43.01,141.69,3,src,\n",
        encoding="utf-8",
    )
    cat = load_catalog(folder)
    unknown, own = cat.asset("01428-activity-ski"), cat.asset("01428-activity-ski2")
    assert unknown.months is None  # the data stay as they are
    assert cat.season(unknown) == frozenset({12, 1, 2, 3})
    assert not cat.in_season(unknown, dt.date(2027, 7, 12))
    assert cat.in_season(unknown, dt.date(2027, 2, 8))
    assert cat.season(own) == frozenset({1, 2})  # an asset's own months win
    assert not cat.in_season(own, dt.date(2027, 3, 1))
    assert cat.season(cat.asset("01428-activity-farm")) is None  # no default: all year


def test_own_subcategories_file_and_its_errors(folder):
    (folder / "subcategories.csv").write_text(
        "subcategory,default_months,description\nflower_field,7-8,sunflowers\nski_area,13,\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_catalog(folder)
    (issue,) = info.value.issues
    assert (issue.row, issue.column, issue.value) == (2, "default_months", "13")
    assert "subcategories.csv" in str(info.value)
    (folder / "subcategories.csv").write_text(
        "subcategory,default_months,description\nflower_field,7-8,sunflowers\n",
        encoding="utf-8",
    )
    cat = load_catalog(folder)
    assert set(cat.seasons) == {"flower_field"}
    assert cat.seasons["flower_field"].months == frozenset({7, 8})


def test_season_defaults_survive_write_and_gpkg(tmp_path, catalog):
    from areatour import read_gpkg, write_catalog, write_gpkg

    assert "ski_area" in catalog.seasons
    folder = write_catalog(catalog, tmp_path / "out")
    assert (folder / "subcategories.csv").is_file()
    assert load_catalog(folder).seasons == catalog.seasons
    gpkg = write_gpkg(catalog, tmp_path / "c.gpkg")
    assert read_gpkg(gpkg).seasons == catalog.seasons
