"""Check the embedded data against the official MLIT N03 boundaries in ../shared.

These tests skip (with the reason) when ../shared is absent, as in a user's checkout.
"""

from __future__ import annotations

import csv
from pathlib import Path

import geopandas as gpd
import pytest

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "hokkaido"


def _inside(points: gpd.GeoDataFrame, n03: gpd.GeoDataFrame, code_column: str):
    polygons = n03.loc[points[code_column], "geometry"].to_numpy()
    return points.geometry.to_numpy(), polygons


def test_codes_and_names_match_n03(catalog, n03):
    assert set(catalog.municipalities) == set(n03.index)
    for code, m in catalog.municipalities.items():
        ref = n03.loc[code]
        assert m.name_ja == ref["name_ja"], code
        assert m.subprefecture_ja == ref["subprefecture_ja"], code
        county = ref["county_ja"] if isinstance(ref["county_ja"], str) else ""
        assert m.county_ja == county, code


def test_every_seat_inside_its_own_polygon(catalog, n03):
    gdf = catalog.municipalities_gdf()
    points, polygons = _inside(gdf, n03, "code")
    outside = [
        c for c, p, poly in zip(gdf["code"], points, polygons, strict=True) if not poly.contains(p)
    ]
    assert outside == [], f"seats outside their municipality: {outside}"
    assert len(gdf) == 179


def test_council_areas_match_reference(catalog):
    path = REFERENCE / "areas.csv"
    if not path.is_file():
        pytest.skip(f"{path} not available (../shared is absent)")
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for area_id in {r["area_id"] for r in rows}:
        expected = {r["code"] for r in rows if r["area_id"] == area_id}
        assert set(catalog.area(area_id).members) == expected


def test_assets_inside_their_municipality(catalog, n03):
    gdf = catalog.assets_gdf()
    points, polygons = _inside(gdf, n03, "municipality_code")
    inside = [poly.contains(p) for p, poly in zip(points, polygons, strict=True)]
    share = sum(inside) / len(inside)
    outside = gdf.loc[[not i for i in inside], ["id", "notes"]]
    # every exception must be explained in the asset's notes
    unexplained = outside[outside["notes"].fillna("") == ""]["id"].tolist()
    assert share >= 0.98, f"only {share:.1%} inside; outside: {outside['id'].tolist()}"
    assert unexplained == []
