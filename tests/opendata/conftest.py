"""Fixtures for the open-data importer: Hokkaido test files and the shared samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from areatour.catalog import Catalog, load_catalog
from areatour.loader import CatalogData
from areatour.model import Municipality

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "opendata-samples"
#: (min_lat, max_lat, min_lon, max_lon) of Japan, for the samples from outside Hokkaido
JAPAN = (20.0, 46.0, 122.0, 154.0)


@pytest.fixture(scope="session")
def embedded() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def samples() -> Path:
    """The shared sample folder (skips when ../shared is absent)."""
    if not SAMPLES.is_dir():
        pytest.skip(f"open-data samples not available at {SAMPLES}")
    return SAMPLES


@pytest.fixture(scope="session")
def japan_catalog(embedded: Catalog) -> Catalog:
    """The embedded catalog plus the three sample municipalities outside Hokkaido."""
    extra = {
        m.code: m
        for m in (
            Municipality("13122", "131229", "葛飾区", "かつしかく", "Katsushika", "city",
                         "東京都", "Tokyo", "", 35.743, 139.847),
            Municipality("42203", "422037", "島原市", "しまばらし", "Shimabara", "city",
                         "長崎県", "Nagasaki", "", 32.788, 130.370),
            Municipality("13107", "131075", "墨田区", "すみだく", "Sumida", "city",
                         "東京都", "Tokyo", "", 35.710, 139.801),
        )
    }  # fmt: skip
    data = CatalogData(
        {**embedded.municipalities, **extra},
        dict(embedded.areas),
        dict(embedded.categories),
        embedded.tags,
        dict(embedded.assets),
    )
    return Catalog(data, source="test")
