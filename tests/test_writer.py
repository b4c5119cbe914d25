"""Writing a catalog folder (``write_catalog`` + ``areas_io``) and reading it back."""

import csv
import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from areatour.areas_io import (
    AREA_COLUMNS,
    AREA_MEMBER_COLUMNS,
    CATEGORY_COLUMNS,
    MUNICIPALITY_COLUMNS,
    TAG_COLUMNS,
)
from areatour.catalog import Catalog, load_catalog
from areatour.gpkg import write_gpkg
from areatour.hours import parse_hours
from areatour.model import Asset
from areatour.writer import write_catalog

HOURS = [
    "Mo-Fr 09:00-17:00; Sa,Su 10:00-16:00",
    "Tu-Su 10:00-17:00; Mo off",
    "Mo-Su 11:00-14:00,17:00-21:00; PH off",
    "24/7",
    "Fr,Sa 18:00-26:00",
]


def header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


def test_embedded_round_trip(catalog, tmp_path):
    folder = write_catalog(catalog, tmp_path / "cat")
    assert load_catalog(folder) == catalog


def test_layout_is_what_the_loader_reads(catalog, tmp_path):
    folder = write_catalog(catalog, tmp_path / "cat")
    assert header(folder / "municipalities" / "municipalities.csv") == list(MUNICIPALITY_COLUMNS)
    assert header(folder / "municipalities" / "areas.csv") == list(AREA_COLUMNS)
    assert header(folder / "municipalities" / "area_members.csv") == list(AREA_MEMBER_COLUMNS)
    assert header(folder / "categories.csv") == list(CATEGORY_COLUMNS)
    assert header(folder / "tags.csv") == list(TAG_COLUMNS)
    with open(folder / "municipalities" / "areas.csv", encoding="utf-8", newline="") as fh:
        kinds = {row["area_id"]: row["kind"] for row in csv.DictReader(fh)}
    assert "subprefecture" not in kinds.values()  # derived on loading, not written
    assert kinds["minami-sorachi"] == "council"
    with open(folder / "tags.csv", encoding="utf-8", newline="") as fh:
        labels = {row["tag"]: row["label_ja"] for row in csv.DictReader(fh)}
    assert labels["onsen"] == "温泉"  # labels come from the embedded tags.csv


def test_floats_are_written_exactly(catalog, tmp_path):
    town = catalog.municipality("長沼町")
    folder = write_catalog(catalog, tmp_path / "cat")
    text = (folder / "municipalities" / "municipalities.csv").read_text(encoding="utf-8")
    assert f",{town.lat!r},{town.lon!r}," in text


def test_unknown_tag_keeps_the_name_only(catalog, tmp_path):
    data = catalog._data
    extended = Catalog(
        type(data)(
            dict(data.municipalities),
            dict(data.areas),
            dict(data.categories),
            data.tags | {"zz_custom"},
            dict(data.assets),
        )
    )
    folder = write_catalog(extended, tmp_path / "cat")
    assert "zz_custom,," in (folder / "tags.csv").read_text(encoding="utf-8")
    assert load_catalog(folder) == extended


# ---------------------------------------------------------------- property test
_SPECIAL = "長沼町テスト温泉，、。,\"';|\n 　"


def _text(special: str):
    alphabet = st.one_of(
        st.characters(exclude_categories=("Cs", "Cc")), st.sampled_from(list(special))
    )
    return st.text(alphabet, max_size=25).filter(lambda s: s == s.strip())


def _optional(strategy):
    return st.one_of(st.none(), strategy)


@st.composite
def assets(draw, catalog: Catalog, special: str = _SPECIAL) -> Asset:
    text = _text(special)
    nonempty = text.filter(bool)
    dates = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))
    return Asset(
        id=draw(st.from_regex(r"\Azz[a-z0-9_-]{0,12}\Z")),
        name_ja=draw(nonempty),
        name_en=draw(nonempty),
        municipality_code=draw(st.sampled_from(sorted(catalog.municipalities))),
        category=draw(st.sampled_from(sorted(catalog.categories))),
        lat=draw(st.floats(41.3, 45.6)),
        lon=draw(st.floats(139.3, 145.9)),
        appeal=draw(st.integers(1, 5)),
        source=draw(nonempty),
        subcategory=draw(text),
        visit_minutes=draw(_optional(st.integers(0, 600))),
        hours=draw(_optional(st.sampled_from(HOURS).map(parse_hours))),
        months=draw(_optional(st.frozensets(st.integers(1, 12), min_size=1))),
        cost_jpy=draw(_optional(st.integers(0, 100_000))),
        tags=tuple(draw(st.lists(st.sampled_from(sorted(catalog.tags)), unique=True, max_size=3))),
        url=draw(text),
        wifi=draw(_optional(st.booleans())),
        power=draw(_optional(st.booleans())),
        meeting_room=draw(_optional(st.booleans())),
        seats=draw(_optional(st.integers(0, 500))),
        rooms=draw(_optional(st.integers(0, 500))),
        capacity=draw(_optional(st.integers(0, 500))),
        has_workspace=draw(_optional(st.booleans())),
        serves=tuple(
            draw(st.lists(st.sampled_from(sorted(catalog.areas)), unique=True, max_size=2))
        ),
        start_date=draw(_optional(dates)),
        end_date=draw(_optional(dates)),
        notes=draw(text),
    )


def _small_base() -> Catalog:
    """The embedded municipalities, areas (without gateways), categories and tags; no assets."""
    data = load_catalog()._data
    areas = {k: replace(a, gateways=()) for k, a in data.areas.items()}
    return Catalog(
        type(data)(dict(data.municipalities), areas, dict(data.categories), data.tags, {})
    )


BASE = _small_base()
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module", autouse=True)
def _no_fsync():
    """Let SQLite skip fsync while the property test writes many small GeoPackages."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OGR_SQLITE_SYNCHRONOUS", "OFF")
        yield


def _round_trip(new: list[Asset], fmt: str) -> None:
    extended = BASE.with_assets(new)
    with tempfile.TemporaryDirectory() as tmp:
        if fmt == "folder":
            path = write_catalog(extended, Path(tmp) / "cat")
        else:
            path = write_gpkg(extended, Path(tmp) / "cat.gpkg")
        reloaded = load_catalog(path)
    for asset in new:  # one by one first, for a readable failure
        assert reloaded.assets[asset.id] == asset
    assert reloaded == extended


@SETTINGS
@given(new=st.lists(assets(BASE), max_size=5, unique_by=lambda a: a.id))
def test_random_assets_round_trip_folder(new):
    _round_trip(new, "folder")


@settings(SETTINGS, max_examples=20)
@given(new=st.lists(assets(BASE, _SPECIAL + "\r"), max_size=5, unique_by=lambda a: a.id))
def test_random_assets_round_trip_gpkg(new):
    _round_trip(new, "gpkg")


def test_lone_carriage_return_in_asset_notes_round_trips():
    asset = Asset("zz-cr", "テスト", "Test", "01428", "sight", 43.0, 141.7, 3, "test", notes="a\rb")
    _round_trip([asset], "folder")


def test_lone_carriage_return_in_municipality_names(tmp_path):
    town = BASE.municipality("01428")
    data = BASE._data
    munis = {**data.municipalities, "01428": type(town)(**{**vars(town), "name_kana": "な\rが"})}
    catalog = Catalog(type(data)(munis, dict(data.areas), dict(data.categories), data.tags, {}))
    assert load_catalog(write_catalog(catalog, tmp_path / "cat")) == catalog
