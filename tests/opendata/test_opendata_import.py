import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from areatour.catalog import load_catalog
from areatour.errors import DataError, ValidationError
from areatour.opendata import (
    CategoryRule,
    ImportResult,
    read_event,
    read_heritage,
    read_opendata,
    read_tourism,
    read_wifi,
)
from areatour.writer import write_catalog

FIXTURES = Path(__file__).resolve().parent / "fixtures"

ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def data_rows(path, encoding):
    with open(path, encoding=encoding, newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    return sum(1 for r in rows if any(c.strip() for c in r))


def check_accounted(result: ImportResult, path, encoding="utf-8-sig"):
    assert len(result.assets) + len(result.skipped) == data_rows(path, encoding)
    pairs = zip(result.asset_rows, result.assets, strict=True)
    assert all(f", row {r})" in a.source for r, a in pairs)
    rows = [*result.asset_rows, *(s.row for s in result.skipped)]
    assert sorted(rows) == list(range(1, result.rows + 1))  # each row exactly once


def by_name(result):
    return {a.name_ja: a for a in result.assets}


def test_tourism_fixture(embedded):
    path = FIXTURES / "014281_tourism.csv"
    result = read_tourism(path, catalog=embedded)
    check_accounted(result, path)
    assert result.edition == "推奨データセット"
    assert result.encoding == "utf-8-sig"
    assets = by_name(result)
    onsen = assets["テスト温泉"]
    assert (onsen.id, onsen.category, onsen.municipality_code) == (
        "01428-onsen-tourism-1",
        "onsen",
        "01428",
    )
    assert onsen.hours is not None and onsen.hours.text == "Mo-Su 10:00-21:00"
    assert onsen.cost_jpy == 500
    assert onsen.appeal == 3 and onsen.visit_minutes is None
    assert onsen.name_en == "Tesutoonsen"
    assert onsen.source.startswith("長沼町 観光施設一覧 (014281_tourism.csv, row 1)")
    assert onsen.source.endswith("https://example.invalid/test/onsen")
    museum = assets["テスト資料館"]
    assert museum.hours is not None and museum.hours.text == "Mo,We,Th,Fr,Sa,Su 09:00-17:00"
    assert museum.cost_jpy == 0 and museum.name_en == "Test Museum"
    assert "年末年始休館;入館は16:30まで\n(テスト)" in museum.notes
    assert museum.category == "sight" and "museum" in museum.tags
    camp = assets["テストキャンプ場"]
    assert (camp.category, camp.cost_jpy, camp.hours) == ("lodging", 1000, None)
    cafe = assets["テストカフェ"]
    assert cafe.category == "gourmet" and cafe.hours is None and cafe.cost_jpy is None
    assert "hours not converted" in cafe.notes and "大人500円" in cafe.notes
    reasons = {s.row: s.reason for s in result.skipped}
    assert reasons[4].startswith("no coordinates")
    assert "swapped" in reasons[5]
    assert reasons[6].startswith("municipality not in the catalog: 13122 葛飾区")
    assert "check digit" in reasons[7]
    assert reasons[9] == "the name is empty"
    assert "not a number" in reasons[10]
    assert result.skipped[0].values["名称"] == "テスト公園（座標なし）"  # raw values kept


def test_excel_cp932_fixture(embedded):
    path = FIXTURES / "014281_tourism_excel.csv"
    assert path.read_bytes()[:3] != b"\xef\xbb\xbf"
    result = read_tourism(path, catalog=embedded)
    check_accounted(result, path, "cp932")
    assert result.encoding == "cp932"
    assets = by_name(result)
    assert {a.municipality_code for a in result.assets} == {"01428"}  # from 14281 and 1428
    station = assets["テスト道の駅"]
    assert station.category == "gourmet" and "michi_no_eki" in station.tags
    assert station.hours is not None and station.hours.text == "Mo-Su 09:00-17:00"
    assert station.cost_jpy == 0
    art = assets["テスト美術館"]
    assert art.name_en == "Test Art Museum"  # 名称（英語） matched after NFKC
    assert art.hours is not None and art.hours.text == "Mo,We,Th,Fr,Sa,Su 09:00-17:00"
    assert art.cost_jpy == 550
    ski = assets["テストスキー場"]
    assert (ski.category, ski.cost_jpy) == ("activity", 1000)
    assert ski.name_en == "Tesutosukijou"  # romanised from 名称（カナ）
    assert [s.reason for s in result.skipped] == ["coordinates are 0,0"]


def test_new_edition_uses_location_code(embedded):
    path = FIXTURES / "010006_tourism_new.csv"
    result = read_tourism(path, catalog=embedded)
    check_accounted(result, path)
    assert result.edition == "自治体標準オープンデータセット"
    (asset,) = result.assets
    assert asset.id == "01429-workspace-tourism-jj0100000001"
    assert asset.hours is not None and asset.hours.text == "Mo,Tu,We,Th,Fr 09:00-18:00"
    (skip,) = result.skipped
    assert skip.reason.startswith("no municipality") and skip.value == "010006"


def test_municipality_option(embedded):
    path = FIXTURES / "010006_tourism_new.csv"
    result = read_tourism(path, catalog=embedded, municipality="長沼町")
    # the first row names 栗山町 in its location code: a conflict is reported, not overridden
    assert [a.name_ja for a in result.assets] == ["テスト牧場"]
    farm = result.assets[0]
    assert farm.municipality_code == "01428" and farm.category == "activity"
    assert farm.hours is not None and farm.hours.text == "Sa,Su,PH 10:00-16:00"
    assert "not the given 01428" in result.skipped[0].reason


def test_unknown_municipality_option(embedded):
    with pytest.raises(KeyError):
        read_tourism(FIXTURES / "014281_tourism.csv", catalog=embedded, municipality="Nowhere")


def test_strict_lists_every_skipped_row(embedded):
    with pytest.raises(DataError) as info:
        read_tourism(FIXTURES / "014281_tourism.csv", catalog=embedded, strict=True)
    assert [i.row for i in info.value.issues] == [4, 5, 6, 7, 9, 10]
    assert all(i.file.endswith("014281_tourism.csv") for i in info.value.issues)


def test_strict_passes_a_clean_file(embedded, tmp_path):
    lines = (FIXTURES / "014281_tourism.csv").read_text(encoding="utf-8-sig").split("\n")
    clean = tmp_path / "clean.csv"
    clean.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    result = read_tourism(clean, catalog=embedded, strict=True)
    assert len(result.assets) == 1 and not result.skipped


def test_mapping_file_and_dict(embedded):
    path = FIXTURES / "014281_tourism.csv"
    result = read_tourism(path, catalog=embedded, mapping=FIXTURES / "mapping.csv")
    assets = by_name(result)
    assert assets["テストカフェ"].category == "workspace"
    assert assets["テストカフェ"].tags == ("wifi", "cafe")
    assert assets["テスト温泉"].category == "activity"
    assert "mapping 'テスト温泉'" in assets["テスト温泉"].notes
    result = read_tourism(path, catalog=embedded, mapping={"キャンプ": "nature"})
    assert by_name(result)["テストキャンプ場"].category == "nature"
    rules = [CategoryRule("テスト", "gourmet", column="名称")]
    result = read_tourism(path, catalog=embedded, mapping=rules, keywords=False)
    assert {a.category for a in result.assets} == {"gourmet"}


def test_without_keywords_everything_is_sight(embedded):
    result = read_tourism(FIXTURES / "014281_tourism.csv", catalog=embedded, keywords=False)
    assert {a.category for a in result.assets} == {"sight"}


def test_bad_mapping(embedded, tmp_path):
    bad = tmp_path / "map.csv"
    bad.write_text("keyword,category,tags\n温泉,spa,\n,sight,\nカフェ,gourmet,nosuchtag\n")
    with pytest.raises(DataError) as info:
        read_tourism(FIXTURES / "014281_tourism.csv", catalog=embedded, mapping=bad)
    assert len(info.value.issues) == 1 and info.value.issues[0].column == "keyword"
    bad.write_text("keyword,category,tags\n温泉,spa,\nカフェ,gourmet,nosuchtag\n")
    with pytest.raises(DataError) as info:
        read_tourism(FIXTURES / "014281_tourism.csv", catalog=embedded, mapping=bad)
    assert [(i.row, i.column, i.value) for i in info.value.issues] == [
        (1, "category", "spa"),
        (2, "tags", "nosuchtag"),
    ]


def test_wifi_fixture(embedded):
    path = FIXTURES / "014281_public_wireless_lan.csv"
    result = read_wifi(path, catalog=embedded)
    check_accounted(result, path)
    (asset,) = result.assets
    assert (asset.category, asset.subcategory, asset.tags, asset.wifi) == (
        "workspace",
        "wifi_spot",
        ("wifi",),
        True,
    )
    assert "SSID: TEST_FREE_WIFI" in asset.notes
    assert asset.source.startswith("長沼町 公衆無線LANアクセスポイント一覧")


def test_event_fixture(embedded):
    path = FIXTURES / "014281_event.csv"
    result = read_event(path, catalog=embedded)
    check_accounted(result, path)
    assets = by_name(result)
    festival = assets["テスト雪まつり"]
    assert festival.category == "activity" and festival.subcategory == "event"
    assert (festival.start_date, festival.end_date) == (dt.date(2027, 2, 6), dt.date(2027, 2, 7))
    assert festival.hours is not None and festival.hours.text == "Mo-Su 10:00-20:00"
    assert festival.is_available_on(dt.date(2027, 2, 7))
    assert not festival.is_available_on(dt.date(2027, 2, 8))
    night = assets["テスト夜市"]
    assert night.start_date == night.end_date == dt.date(2027, 7, 3)  # 2027/7/3, one day
    assert night.hours is not None and night.hours.text == "Mo-Su 18:00-26:00"
    assert "one-day event" in night.notes
    assert [s.reason for s in result.skipped] == [
        "the event has no start date",
        "the event ends before it starts",
        "impossible date: '2027-02-30'",
    ]


def test_event_needs_date_column(embedded):
    with pytest.raises(DataError, match="開始日"):
        read_event(FIXTURES / "014281_tourism.csv", catalog=embedded)


def test_heritage_fixture(embedded):
    path = FIXTURES / "014281_cultural_property.csv"
    result = read_heritage(path, catalog=embedded)
    check_accounted(result, path)
    (asset,) = result.assets
    assert asset.category == "sight" and asset.tags == ("history", "architecture")
    assert asset.hours is not None and asset.hours.text == "Sa,Su 10:00-15:00"
    assert "文化財分類: 町指定有形文化財" in asset.notes


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("014281_tourism.csv", "tourism"),
        ("014281_tourism_excel.csv", "tourism"),
        ("010006_tourism_new.csv", "tourism"),
        ("014281_public_wireless_lan.csv", "wifi"),
        ("014281_event.csv", "event"),
        ("014281_cultural_property.csv", "heritage"),
    ],
)
def test_imports_are_stable_valid_and_saveable(embedded, tmp_path, name, kind):
    first = read_opendata(FIXTURES / name, kind=kind, catalog=embedded)
    again = read_opendata(FIXTURES / name, kind=kind, catalog=embedded)
    assert first.assets == again.assets
    ids = [a.id for a in first.assets]
    assert len(set(ids)) == len(ids) and all(ID.match(i) for i in ids)
    extended = embedded.with_assets(first.assets)
    reloaded = load_catalog(write_catalog(extended, tmp_path / "cat"))
    assert reloaded == extended


def test_duplicate_keys_get_row_numbers(embedded, tmp_path):
    text = (FIXTURES / "014281_public_wireless_lan.csv").read_text(encoding="utf-8-sig")
    header, row, _ = text.split("\n", 2)
    path = tmp_path / "dup.csv"
    path.write_text("\n".join([header, row, row.replace("テスト町役場", "テスト別館")]) + "\n")
    result = read_wifi(path, catalog=embedded)
    assert [a.id for a in result.assets] == [
        "01428-workspace-wifi-1-r1",
        "01428-workspace-wifi-1-r2",
    ]


def test_missing_columns_fail_the_file(embedded, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("名称,住所\nテスト,どこか\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_tourism(path, catalog=embedded)
    assert {i.column for i in info.value.issues} == {"緯度", "経度"}


def test_read_opendata_checks_kind(embedded):
    with pytest.raises(ValidationError):
        read_opendata(FIXTURES / "014281_tourism.csv", kind="aed", catalog=embedded)
    with pytest.raises(ValidationError):
        read_opendata(FIXTURES / "014281_event.csv", kind="event", mapping={"a": "sight"})


def test_summary_and_str(embedded):
    result = read_tourism(FIXTURES / "014281_tourism.csv", catalog=embedded)
    assert "10 rows" in result.summary() and "4 imported, 6 skipped" in result.summary()
    text = str(result)
    assert "skipped row 4: no coordinates" in text
    assert "imported row 1: 01428-onsen-tourism-1 テスト温泉 [onsen]" in text
