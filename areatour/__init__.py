"""areatour: multi-town workation itineraries for Hokkaido's regional area councils.

The public API is re-exported here. Heavy parts (the planner, maps, exports)
are imported on first use so that ``import areatour`` stays fast and has no
side effects.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from .catalog import Catalog, UnknownNameError, load_catalog
from .errors import (
    AreatourError,
    AreatourWarning,
    DataError,
    DataIssue,
    DataWarning,
    InfeasibleError,
    ValidationError,
)
from .hours import OpeningHours, parse_hours, parse_months
from .model import Area, Asset, Category, Municipality, SeasonDefault

try:
    __version__ = version("areatour")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"

# name -> module that defines it; imported lazily by __getattr__
_LAZY: dict[str, str] = {
    "write_catalog": "areatour.writer",
    "write_gpkg": "areatour.gpkg",
    "read_gpkg": "areatour.gpkg",
    "PlanRequest": "areatour.request",
    "Style": "areatour.styles",
    "BlockSpec": "areatour.styles",
    "get_style": "areatour.styles",
    "load_styles": "areatour.styles",
    "plan": "areatour.planner",
    "Itinerary": "areatour.itinerary",
    "DayPlan": "areatour.itinerary",
    "Stop": "areatour.itinerary",
    "Leg": "areatour.itinerary",
    "check_itinerary": "areatour.checker",
    "TravelModel": "areatour.travel",
    "StraightLineModel": "areatour.travel",
    "RoadGraphModel": "areatour.travel",
    "MatrixModel": "areatour.travel",
    "load_closures": "areatour.travel",
    "build_area_graph": "areatour.graph",
    "validate_graph": "areatour.graph",
    "read_boundaries": "areatour.boundaries",
    "area_profile": "areatour.analysis",
    "complementarity": "areatour.analysis",
    "best_partners": "areatour.analysis",
    "coverage_gaps": "areatour.analysis",
    "render_itinerary": "areatour.maps",
    "render_area": "areatour.maps",
    "to_html": "areatour.maps",
    "plan_many": "areatour.batch",
    "plan_courses": "areatour.courses",
    "CourseSet": "areatour.courses",
}

__all__ = [
    "Area",
    "AreatourError",
    "AreatourWarning",
    "Asset",
    "Catalog",
    "Category",
    "DataError",
    "DataIssue",
    "DataWarning",
    "InfeasibleError",
    "Municipality",
    "OpeningHours",
    "SeasonDefault",
    "UnknownNameError",
    "ValidationError",
    "__version__",
    "load_catalog",
    "parse_hours",
    "parse_months",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'areatour' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
