"""Shared fixtures: the embedded catalog and the optional MLIT N03 reference data."""

from __future__ import annotations

from pathlib import Path

import pytest

import areatour

SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE = SHARED / "reference" / "hokkaido"


@pytest.fixture(scope="session")
def catalog() -> areatour.Catalog:
    return areatour.load_catalog()


@pytest.fixture(scope="session")
def n03():
    """The MLIT N03 municipality polygons from ../shared (skips when absent)."""
    path = REFERENCE / "municipalities.geojson"
    if not path.is_file():
        pytest.skip(f"reference boundaries not available at {path} (../shared is absent)")
    import geopandas as gpd

    return gpd.read_file(path).set_index("code")
