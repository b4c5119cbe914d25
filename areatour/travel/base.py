"""The travel-model protocol and the geometry every model shares.

A travel model turns a set of points into two square matrices: driving minutes
and road kilometres between every ordered pair. Planning code sees only these
matrices (see ``STYLE.md``: solve on the matrix, expand legs to geometry only
for display).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import ValidationError

__all__ = [
    "EARTH_RADIUS_KM",
    "FloatArray",
    "LatLon",
    "TravelModel",
    "as_points",
    "haversine_km",
    "haversine_matrix_km",
    "is_winter",
    "leg_path",
]

#: Mean Earth radius (IUGG), km.
EARTH_RADIUS_KM = 6371.0088

LatLon = tuple[float, float]
FloatArray = NDArray[np.float64]


@runtime_checkable
class TravelModel(Protocol):
    """Anything that gives driving minutes and kilometres between points.

    A model may also define ``path(a, b, date) -> list[(lat, lon)]`` for map
    display; use :func:`leg_path`, which falls back to a straight segment.

    Examples
    --------
    >>> import datetime as dt
    >>> from areatour.travel import StraightLineModel
    >>> model = StraightLineModel()
    >>> isinstance(model, TravelModel)
    True
    >>> minutes, km = model.matrix([(43.0, 141.0), (43.5, 141.5)], dt.date(2027, 7, 12))
    >>> minutes.shape, bool(minutes[0, 1] > 0)
    ((2, 2), True)
    """

    def matrix(
        self, points: ArrayLike, date: dt.date | None = None
    ) -> tuple[FloatArray, FloatArray]:
        """Minutes and kilometres between every ordered pair of points.

        Parameters
        ----------
        points
            Array-like of ``(lat, lon)`` pairs, shape ``(n, 2)``, WGS84 degrees.
        date
            Travel date; selects the season and the active closures. ``None``
            means no seasonal effects (summer speeds, no closures).

        Returns
        -------
        minutes, km
            Two ``(n, n)`` float arrays; entry ``[i, j]`` is the trip from point
            ``i`` to point ``j``; the diagonal is 0; ``inf`` marks an impossible
            trip (for example across a closed pass with no detour). The arrays
            may be shared with a cache and read-only: copy before writing.
        """
        ...


def leg_path(model: object, a: LatLon, b: LatLon, date: dt.date | None = None) -> list[LatLon]:
    """The drawn geometry of one leg: ``model.path`` if it has one, else ``[a, b]``.

    Parameters
    ----------
    model
        A travel model.
    a, b
        ``(lat, lon)`` of the start and the end of the leg.
    date
        Travel date, passed on to ``model.path``.

    Returns
    -------
    list of (lat, lon)
        At least the two end points.

    Examples
    --------
    >>> leg_path(object(), (43.0, 141.0), (43.5, 141.5))
    [(43.0, 141.0), (43.5, 141.5)]
    """
    path = getattr(model, "path", None)
    if callable(path):
        return list(path(a, b, date))
    return [(float(a[0]), float(a[1])), (float(b[0]), float(b[1]))]


def as_points(points: ArrayLike, *, name: str = "points") -> FloatArray:
    """Validate ``points`` and return them as a C-contiguous ``(n, 2)`` float array.

    Parameters
    ----------
    points
        Array-like of ``(lat, lon)`` pairs.
    name
        The argument name used in error messages.

    Raises
    ------
    ValidationError
        Wrong shape, non-finite values, or latitudes/longitudes out of range.
    """
    try:
        arr = np.ascontiguousarray(np.asarray(points, dtype=np.float64))
    except (TypeError, ValueError) as exc:
        raise ValidationError(f"{name} must be numeric (lat, lon) pairs: {exc}") from None
    if arr.size == 0:
        return arr.reshape(0, 2)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise ValidationError(f"{name} must have shape (n, 2), got {arr.shape}")
    problems: list[str] = []
    bad = ~np.isfinite(arr).all(axis=1)
    if bad.any():
        problems.append(f"non-finite rows {np.flatnonzero(bad)[:10].tolist()}")
    lat, lon = arr[:, 0], arr[:, 1]
    with np.errstate(invalid="ignore"):
        bad_lat = (np.abs(lat) > 90.0) & ~bad
        bad_lon = (np.abs(lon) > 180.0) & ~bad
    if bad_lat.any():
        problems.append(
            f"latitude out of [-90, 90] in rows {np.flatnonzero(bad_lat)[:10].tolist()}"
        )
    if bad_lon.any():
        problems.append(
            f"longitude out of [-180, 180] in rows {np.flatnonzero(bad_lon)[:10].tolist()}"
        )
    if problems:
        raise ValidationError(f"{name}: " + "; ".join(problems) + " (expected (lat, lon) pairs)")
    return arr


def haversine_km(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> FloatArray:
    """Great-circle distance in km (haversine formula), broadcasting over arrays.

    Examples
    --------
    >>> round(float(haversine_km(0.0, 0.0, 0.0, 1.0)), 3)
    111.195
    """
    p1 = np.radians(np.asarray(lat1, dtype=np.float64))
    p2 = np.radians(np.asarray(lat2, dtype=np.float64))
    dp = p2 - p1
    dl = np.radians(np.asarray(lon2, dtype=np.float64) - np.asarray(lon1, dtype=np.float64))
    h = np.sin(dp / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2.0) ** 2
    return np.asarray(2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


def haversine_matrix_km(points: FloatArray, others: FloatArray | None = None) -> FloatArray:
    """Great-circle km between every point of ``points`` and every point of ``others``.

    Computed from unit vectors (one matrix product, then the chord-to-arc
    conversion ``2 R asin(chord / 2)``), several times faster than the haversine
    formula on large matrices; pairs closer than 1 km, where the product loses
    precision, are recomputed with :func:`haversine_km` (identical points give
    exactly 0).

    Parameters
    ----------
    points
        ``(n, 2)`` array of ``(lat, lon)``.
    others
        ``(m, 2)`` array; defaults to ``points``.

    Returns
    -------
    numpy.ndarray
        ``(n, m)`` distances in km.
    """
    a = _unit_vectors(points)
    b = a if others is None else _unit_vectors(others)
    chord2 = a @ b.T  # cosine of the central angle
    chord2 *= -2.0
    chord2 += 2.0  # squared chord length on the unit sphere
    np.clip(chord2, 0.0, 4.0, out=chord2)
    np.sqrt(chord2, out=chord2)
    chord2 *= 0.5
    np.arcsin(chord2, out=chord2)
    chord2 *= 2.0 * EARTH_RADIUS_KM
    near_i, near_j = np.nonzero(chord2 < 1.0)
    if near_i.size:
        p, q = points, (points if others is None else others)
        chord2[near_i, near_j] = haversine_km(
            p[near_i, 0], p[near_i, 1], q[near_j, 0], q[near_j, 1]
        )
    return chord2


def _unit_vectors(points: FloatArray) -> FloatArray:
    lat = np.radians(np.asarray(points, dtype=np.float64)[:, 0])
    lon = np.radians(np.asarray(points, dtype=np.float64)[:, 1])
    cos_lat = np.cos(lat)
    return np.column_stack((cos_lat * np.cos(lon), cos_lat * np.sin(lon), np.sin(lat)))


def is_winter(date: dt.date | None, winter_months: Sequence[int]) -> bool:
    """Whether ``date`` falls in one of ``winter_months`` (``None`` is never winter)."""
    return date is not None and date.month in winter_months
