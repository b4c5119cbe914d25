"""Travel models: driving minutes and kilometres between points.

Every model implements :class:`TravelModel` (``matrix(points, date)``) and
applies the seasonal road closures of :mod:`areatour.travel.closures`.

- :class:`StraightLineModel` (the default): great-circle distance × circuity
  at a distance-dependent, seasonal speed.
- :class:`RoadGraphModel`: fastest paths on a networkx road graph (OSMnx style).
- :class:`MatrixModel`: a table computed elsewhere (OSRM, ...).
"""

from __future__ import annotations

from .base import TravelModel, as_points, haversine_km, haversine_matrix_km, leg_path
from .cache import MatrixCache
from .closures import Closure, ClosureSet, default_closures, load_closures, no_closures
from .matrix import MatrixModel
from .roadgraph import RoadGraphModel
from .straight import StraightLineModel

__all__ = [
    "Closure",
    "ClosureSet",
    "MatrixCache",
    "MatrixModel",
    "RoadGraphModel",
    "StraightLineModel",
    "TravelModel",
    "as_points",
    "default_closures",
    "haversine_km",
    "haversine_matrix_km",
    "leg_path",
    "load_closures",
    "no_closures",
]
