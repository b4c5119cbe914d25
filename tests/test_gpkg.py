"""The catalog GeoPackage: layers, round trip, and validation that names layer, row, column."""

import numpy as np
import pyogrio
import pytest

from areatour.catalog import load_catalog
from areatour.cli import main
from areatour.errors import DataError
from areatour.gpkg import GPKG_LAYERS, read_gpkg, write_gpkg
from areatour.loader import ASSET_COLUMNS


@pytest.fixture(scope="module", autouse=True)
def _no_fsync():
    """Let SQLite skip fsync while the tests write many small GeoPackages."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OGR_SQLITE_SYNCHRONOUS", "OFF")
        yield


@pytest.fixture(scope="module")
def gpkg(tmp_path_factory):
    return write_gpkg(load_catalog(), tmp_path_factory.mktemp("gpkg") / "c.gpkg")


def copy_layers(src, dst, **frames):
    """Copy every layer of ``src`` to ``dst``, replacing those given (None drops a layer)."""
    for name in GPKG_LAYERS:
        frame = frames[name] if name in frames else pyogrio.read_dataframe(src, layer=name)
        if frame is not None:
            pyogrio.write_dataframe(frame, dst, layer=name, driver="GPKG")
    return dst


def test_round_trip_embedded(gpkg):
    assert load_catalog(gpkg) == load_catalog()


def test_layers(gpkg):
    layers = dict(pyogrio.list_layers(gpkg).tolist())
    assert layers == {
        "assets": "Point",
        "municipalities": "Point",
        "areas": None,
        "area_members": None,
        "categories": None,
        "tags": None,
        "subcategories": None,
    }
    assets = pyogrio.read_dataframe(gpkg, layer="assets")
    assert assets.crs == "EPSG:4326"
    assert list(assets.columns) == [c for c in ASSET_COLUMNS if c not in ("lat", "lon")] + [
        "geometry"
    ]
    catalog = load_catalog()
    first = catalog.assets[assets["id"][0]]
    assert (assets.geometry[0].x, assets.geometry[0].y) == (first.lon, first.lat)


def test_write_replaces_an_existing_file(gpkg, tmp_path):
    target = tmp_path / "c.gpkg"
    target.write_bytes(b"old")
    write_gpkg(load_catalog(), target)
    assert load_catalog(target) == load_catalog()


def test_errors_name_layer_row_and_column(gpkg, tmp_path):
    assets = pyogrio.read_dataframe(gpkg, layer="assets")
    assets.loc[1, "appeal"] = "9"
    assets.loc[2, "category"] = "spa"
    towns = pyogrio.read_dataframe(gpkg, layer="municipalities")
    towns.loc[0, "kind"] = "ward"
    bad = copy_layers(gpkg, tmp_path / "bad.gpkg", assets=assets, municipalities=towns)
    with pytest.raises(DataError) as info:
        read_gpkg(bad)
    found = {(i.file, i.row, i.column, i.value) for i in info.value.issues}
    assert (f"{bad}:assets", 2, "appeal", "9") in found
    assert (f"{bad}:assets", 3, "category", "spa") in found
    assert (f"{bad}:municipalities", 1, "kind", "ward") in found


def test_point_outside_hokkaido_is_reported(gpkg, tmp_path):
    from shapely.geometry import Point

    assets = pyogrio.read_dataframe(gpkg, layer="assets")
    assets.loc[0, "geometry"] = Point(139.88, 35.75)
    assets.loc[1, "geometry"] = None
    bad = copy_layers(gpkg, tmp_path / "bad.gpkg", assets=assets)
    with pytest.raises(DataError) as info:
        read_gpkg(bad)
    found = {(i.file, i.row, i.column) for i in info.value.issues}
    assert found == {(f"{bad}:assets", 1, "lat"), (f"{bad}:assets", 2, "geometry")}


def test_gateway_problem_names_the_areas_layer(gpkg, tmp_path):
    areas = pyogrio.read_dataframe(gpkg, layer="areas")
    areas.loc[0, "gateways"] = "no-such-gateway"
    bad = copy_layers(gpkg, tmp_path / "bad.gpkg", areas=areas)
    with pytest.raises(DataError) as info:
        read_gpkg(bad)
    (issue,) = info.value.issues
    assert issue.file == f"{bad}:areas" and issue.value == "no-such-gateway"


def test_numbers_and_nulls_from_a_gis(gpkg, tmp_path):
    assets = pyogrio.read_dataframe(gpkg, layer="assets")
    assets["appeal"] = assets["appeal"].astype(int)
    assets["cost_jpy"] = [np.nan if v == "" else float(v) for v in assets["cost_jpy"]]
    assets["notes"] = [None if v == "" else v for v in assets["notes"]]
    edited = copy_layers(gpkg, tmp_path / "edited.gpkg", assets=assets)
    assert load_catalog(edited) == load_catalog()


def test_other_crs_is_transformed(gpkg, tmp_path):
    assets = pyogrio.read_dataframe(gpkg, layer="assets").to_crs("EPSG:6680")
    moved = copy_layers(gpkg, tmp_path / "jgd.gpkg", assets=assets)
    reloaded = read_gpkg(moved).assets
    for asset in load_catalog().assets.values():
        assert reloaded[asset.id].lat == pytest.approx(asset.lat, abs=1e-7)
        assert reloaded[asset.id].lon == pytest.approx(asset.lon, abs=1e-7)


def test_missing_layers_fall_back_like_a_folder(gpkg, tmp_path):
    only_assets = copy_layers(
        gpkg,
        tmp_path / "assets.gpkg",
        municipalities=None,
        areas=None,
        area_members=None,
        categories=None,
        tags=None,
    )
    assert load_catalog(only_assets) == load_catalog()
    no_members = copy_layers(gpkg, tmp_path / "nomembers.gpkg", area_members=None)
    with pytest.raises(DataError, match="needs a layer area_members"):
        read_gpkg(no_members)


def test_not_a_catalog(tmp_path):
    with pytest.raises(DataError, match="not found"):
        read_gpkg(tmp_path / "missing.gpkg")
    text = tmp_path / "text.gpkg"
    text.write_text("not a database")
    with pytest.raises(DataError, match="cannot open"):
        read_gpkg(text)
    import geopandas as gpd

    other = tmp_path / "other.gpkg"
    frame = gpd.GeoDataFrame({"a": ["x"]}, geometry=gpd.points_from_xy([141.0], [43.0]))
    frame = frame.set_crs("EPSG:4326")
    pyogrio.write_dataframe(frame, other, layer="roads", driver="GPKG")
    with pytest.raises(DataError, match="no catalog layers"):
        read_gpkg(other)


def test_cli_validate(gpkg, tmp_path, capsys):
    assert main(["validate", str(gpkg)]) == 0
    assert "valid" in capsys.readouterr().out
    assets = pyogrio.read_dataframe(gpkg, layer="assets")
    assets.loc[0, "appeal"] = "0"
    bad = copy_layers(gpkg, tmp_path / "bad.gpkg", assets=assets)
    assert main(["validate", str(bad)]) == 2
    assert f"{bad}:assets, row 1, column 'appeal'" in capsys.readouterr().err


def test_lat_lon_columns_must_agree_with_the_points(gpkg, tmp_path):
    assets = pyogrio.read_dataframe(gpkg, layer="assets")
    assets["lat"] = [repr(p.y) for p in assets.geometry]
    assets["lon"] = [repr(p.x) for p in assets.geometry]
    same = copy_layers(gpkg, tmp_path / "same.gpkg", assets=assets)
    assert load_catalog(same) == load_catalog()
    assets.loc[3, "lon"] = "141.0"
    moved = copy_layers(gpkg, tmp_path / "moved.gpkg", assets=assets)
    with pytest.raises(DataError) as info:
        read_gpkg(moved)
    (issue,) = info.value.issues
    assert (issue.row, issue.column, issue.value) == (4, "lon", "141.0")
    assert "disagrees with the point geometry" in issue.message


def test_date_and_bool_columns_from_a_gis(tmp_path):
    import datetime as dt

    import pandas as pd

    from areatour.model import Asset

    base = load_catalog()
    event = Asset(
        "zz-event",
        "テスト祭",
        "Test festival",
        "01428",
        "activity",
        43.01,
        141.69,
        3,
        "test",
        wifi=True,
        start_date=dt.date(2027, 2, 6),
        end_date=dt.date(2027, 2, 7),
    )
    catalog = base.with_assets([event])
    path = write_gpkg(catalog, tmp_path / "c.gpkg")
    assets = pyogrio.read_dataframe(path, layer="assets")
    for column in ("start_date", "end_date"):
        assets[column] = pd.to_datetime(assets[column].replace("", None))
    assets["wifi"] = assets["wifi"].map({"yes": True, "no": False, "": None})
    typed = copy_layers(path, tmp_path / "typed.gpkg", assets=assets)
    assert read_gpkg(typed).assets["zz-event"] == event
