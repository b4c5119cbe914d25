"""The real sample files in ../shared/opendata-samples (skipped when absent)."""

import csv

import pytest

from areatour.opendata import read_event, read_opendata, read_tourism
from areatour.tables import decode_bytes

#: (min_lat, max_lat, min_lon, max_lon) of Japan, for the samples from outside Hokkaido
JAPAN = (20.0, 46.0, 122.0, 154.0)

SAMPLES = {
    # file: (kind, data rows, imported with the sample towns in the catalog)
    "katsushika_tourism.csv": ("tourism", 3, 3),
    "shimabara_tourism.csv": ("tourism", 28, 28),
    "o1-131075_g1-000304.csv": ("event", 14, 3),
}


def csv_rows(path):
    text, _ = decode_bytes(path.read_bytes(), str(path))
    rows = list(csv.reader(text.splitlines(keepends=True)))[1:]
    return sum(1 for r in rows if any(c.strip() for c in r))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_row_is_reported_against_the_hokkaido_catalog(samples, embedded, name):
    kind, rows, _ = SAMPLES[name]
    result = read_opendata(samples / name, kind=kind, catalog=embedded)
    assert csv_rows(samples / name) == rows
    assert result.rows == rows and not result.assets
    assert all(s.reason.startswith("municipality not in the catalog") for s in result.skipped)
    assert [s.row for s in result.skipped] == list(range(1, rows + 1))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_samples_import_when_the_catalog_has_their_towns(samples, japan_catalog, name):
    kind, rows, imported = SAMPLES[name]
    result = read_opendata(samples / name, kind=kind, catalog=japan_catalog, bounds=JAPAN)
    assert len(result.assets) + len(result.skipped) == rows
    assert len(result.assets) == imported
    ids = [a.id for a in result.assets]
    assert len(set(ids)) == len(ids)
    japan_catalog.with_assets(result.assets)  # ids, towns and categories are all valid


def test_katsushika_cp932(samples, japan_catalog):
    result = read_tourism(samples / "katsushika_tourism.csv", catalog=japan_catalog, bounds=JAPAN)
    assert result.encoding == "cp932" and result.edition == "推奨データセット"
    museum = result.assets[0]
    assert museum.name_ja == "葛飾柴又寅さん記念館"
    assert museum.name_en == "Katsushika Shibamata Tora-san Museum"
    assert museum.hours is not None and museum.hours.text == "Mo-Su 09:00-17:00"  # from 9:00
    assert museum.cost_jpy == 500 and museum.category == "sight"
    assert museum.source.startswith("葛飾区 観光施設一覧 (katsushika_tourism.csv, row 1)")
    assert "第3火曜日休館" in museum.notes


def test_shimabara_fees_days_and_hours(samples, japan_catalog):
    result = read_tourism(samples / "shimabara_tourism.csv", catalog=japan_catalog, bounds=JAPAN)
    assert result.encoding == "utf-8-sig"
    costs = {a.cost_jpy for a in result.assets}
    assert {0, 550, 1000, 1050} <= costs
    hours = {a.hours.text for a in result.assets if a.hours is not None}
    assert "Mo,We,Th,Fr,Sa,Su 10:00-21:00" in hours
    assert "Mo-Su 00:00-24:00" in hours  # 00:00-00:00 with 終日開放
    castle = result.assets[0]
    assert castle.name_ja == "島原城" and castle.name_en == "Shimabarajou"
    assert "\n" in castle.notes  # multi-line 料金（詳細） kept
    categories = {a.category for a in result.assets}
    assert {"sight", "onsen", "nature"} <= categories


def test_sumida_events(samples, japan_catalog):
    result = read_event(samples / "o1-131075_g1-000304.csv", catalog=japan_catalog, bounds=JAPAN)
    assert result.edition == "ベース・レジストリ イベント"
    assert all(s.reason.startswith("no coordinates") for s in result.skipped)
    first = result.assets[0]
    assert first.start_date is not None and first.start_date.isoformat() == "2022-01-24"
    assert "2022-01-31" in first.notes  # recurring dates from 日時備考 are kept


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("xxxxxx_tourism.csv", "tourism"),
        ("xxxxxx_public_wireless_lan.csv", "wifi"),
        ("xxxxxx_event.csv", "event"),
        ("xxxxxx_cultural_property.csv", "heritage"),
    ],
)
def test_templates_have_no_rows(samples, embedded, name, kind):
    result = read_opendata(samples / "templates" / name, kind=kind, catalog=embedded)
    assert result.rows == 0 and result.edition == "推奨データセット"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("katsushika_tourism.csv", "tourism"),
        ("shimabara_tourism.csv", "tourism"),
        ("o1-131075_g1-000304.csv", "event"),
        ("templates/xxxxxx_tourism.csv", "tourism"),
        ("templates/xxxxxx_public_wireless_lan.csv", "wifi"),
        ("templates/xxxxxx_event.csv", "event"),
        ("templates/xxxxxx_cultural_property.csv", "heritage"),
    ],
)
def test_kind_detection(samples, embedded, path, kind):
    assert read_opendata(samples / path, catalog=embedded).kind == kind
