"""Reuse the hand-built itineraries of tests/maps."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "areatour_test_itineraries", Path(__file__).parents[1] / "maps" / "conftest.py"
)
assert _spec is not None and _spec.loader is not None
_itineraries = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_itineraries)

build_itinerary = _itineraries.build_itinerary


@pytest.fixture(scope="session")
def itinerary(catalog):
    return build_itinerary(catalog)


@pytest.fixture(scope="session")
def hostile_itinerary(catalog):
    """Names that try formula injection, markup and Markdown tricks."""
    renames = {
        "01692-sight-kaiyodai": ('=HYPERLINK("http://evil","x")', "+SUM(A1)"),
        "01693-onsen-kawakita": ("-2+3", "@cmd|'/c calc'!A0"),
        "01223-sight-nosappu-lighthouse": ("<script>alert(1)</script>", "**[x](javascript:y)**"),
        "01223-gourmet-michinoeki-swan44": ("\tTab", "\rCR | pipe"),
    }
    return build_itinerary(catalog, renames=renames)
