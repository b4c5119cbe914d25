"""The default travel model: great-circle distance, a circuity factor and a speed curve.

Road distance is the great-circle (haversine) distance times a *circuity*
factor. Road-network circuity is typically 1.2–1.4, with motorway networks
around 1.3 ± 0.1 (Kim et al. 2015; see also Giacomin & Levinson 2015, "Road
network circuity in metropolitan areas", Environment and Planning B 42(6)).
The 13 calibration trips that state a distance give a median of 1.34. The
average speed rises with trip length, because long trips in Hokkaido use the
expressways (道央道, 深川留萌道, 道東道) and fast arterial roads::

    speed(d) = v0 + (v1 - v0) * (1 - exp(-d / d0))          (d = road km)
    minutes  = overhead + 60 * d / speed(d)

An optional eastern zone (``east_meridian``, off by default) lowers ``v1`` to
``east_long_speed_kmh`` on the share of a trip east of a meridian, where no
expressway runs. It fits the stated summer times better (median 8.5 %) but
makes the winter 知床峠 detour 40 % too slow and 中標津空港–羅臼 about 100 min,
so it is not the default.

In winter every speed is lower by ``speed_kmh - winter_speed_kmh`` (10 km/h by
default): the 寒地土木研究所 (Civil Engineering Research Institute for Cold
Region) reports travel speeds on snowy and icy roads roughly 10 km/h below
summer speeds.

``v0``, ``v1``, ``d0`` and the overhead are fitted by
``benchmarks/travel_calibration.py`` to 26 summer drive times stated on public
pages (``data/travel/calibration.csv``): median error 11.5 % (15.5 %
leave-one-out), worst +45 %, against 17 % and +81 % for a single 50 km/h
speed; the stated winter 知床峠 detour (2.5 h) comes out 2 % short.
``docs/graph.md`` has the details.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import ArrayLike

from ..errors import ValidationError
from .base import FloatArray, LatLon, as_points, haversine_matrix_km, is_winter
from .cache import MatrixCache, points_key
from .closures import Closure, ClosureSet, closures_from, default_closures

__all__ = ["StraightLineModel"]


def _default_closure_set() -> ClosureSet:
    return default_closures()


@dataclass(frozen=True)
class StraightLineModel:
    """Great-circle distance × circuity at a distance-dependent, seasonal speed.

    Parameters
    ----------
    circuity
        Road km per great-circle km (Kim et al. 2015: 1.2–1.4).
    speed_kmh
        Summer average speed of very short trips (``v0``), km/h.
    long_speed_kmh
        Summer average speed approached by long trips (``v1``), km/h.
    speed_scale_km
        Road distance ``d0`` over which the speed moves from ``v0`` towards
        ``v1`` (63 % of the way at ``d0``), km.
    overhead_minutes
        Fixed minutes added to every trip between two distinct points (parking,
        town streets, the last few hundred metres).
    east_meridian
        Optional: longitude east of which no expressway runs (144.0 puts 根室,
        知床 and 釧路 east of 阿寒IC in it). ``None`` (the default) switches the
        zone off; see the calibration notes in ``docs/graph.md`` before using it.
    east_long_speed_kmh
        Long-trip speed (``v1``) on the share of a trip east of
        ``east_meridian``; the share is measured on the trip's longitudes.
    winter_speed_kmh
        Winter speed of very short trips; the whole speed curve is lowered by
        ``speed_kmh - winter_speed_kmh`` in the winter months.
    winter_months
        Months (1–12) that count as winter.
    closures
        Seasonal closures to apply; defaults to ``data/travel/closures.csv``.
        ``None`` or an empty sequence disables closures.
    cache_size
        Number of matrices kept in the LRU cache (0 disables caching).

    Examples
    --------
    >>> model = StraightLineModel(closures=None)
    >>> minutes, km = model.matrix([(43.0, 141.0), (43.0, 142.0)])
    >>> round(float(km[0, 1]), 1)
    105.7
    """

    circuity: float = 1.3
    speed_kmh: float = 35.7
    long_speed_kmh: float = 80.4
    speed_scale_km: float = 73.1
    overhead_minutes: float = 4.5
    east_meridian: float | None = None
    east_long_speed_kmh: float = 49.0
    winter_speed_kmh: float = 25.7
    winter_months: tuple[int, ...] = (12, 1, 2, 3)
    closures: ClosureSet | Sequence[Closure] | None = field(default_factory=_default_closure_set)
    cache_size: int = 32
    _cache: MatrixCache = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        problems: list[str] = []
        if not (np.isfinite(self.circuity) and self.circuity >= 1.0):
            problems.append(f"circuity must be >= 1, got {self.circuity!r}")
        if not (np.isfinite(self.overhead_minutes) and self.overhead_minutes >= 0):
            problems.append(f"overhead_minutes must be >= 0, got {self.overhead_minutes!r}")
        for name in (
            "speed_kmh", "long_speed_kmh", "speed_scale_km", "winter_speed_kmh",
            "east_long_speed_kmh",
        ):  # fmt: skip
            value = getattr(self, name)
            if not (isinstance(value, (int, float)) and np.isfinite(value) and value > 0):
                problems.append(f"{name} must be a positive number, got {value!r}")
        if not problems and self.winter_speed_kmh > self.speed_kmh:
            problems.append("winter_speed_kmh must not exceed speed_kmh")
        east_on = self.east_meridian is not None
        if not problems and east_on and self.east_long_speed_kmh < self.speed_kmh:
            problems.append("east_long_speed_kmh must not be below speed_kmh")
        if self.east_meridian is not None and not (
            isinstance(self.east_meridian, (int, float)) and -180 <= self.east_meridian <= 180
        ):
            problems.append(
                f"east_meridian must be a longitude or None, got {self.east_meridian!r}"
            )
        months = tuple(self.winter_months)
        if any(not isinstance(m, int) or not 1 <= m <= 12 for m in months):
            problems.append(f"winter_months must be integers 1-12, got {self.winter_months!r}")
        if not isinstance(self.cache_size, int) or self.cache_size < 0:
            problems.append(f"cache_size must be a non-negative integer, got {self.cache_size!r}")
        if problems:
            raise ValidationError("StraightLineModel: " + "; ".join(problems))
        object.__setattr__(self, "winter_months", months)
        object.__setattr__(self, "closures", closures_from(self.closures))
        object.__setattr__(self, "_cache", MatrixCache(self.cache_size))

    @property
    def closure_set(self) -> ClosureSet:
        """The closures as a :class:`ClosureSet`."""
        return closures_from(self.closures)

    def east_fraction(self, origins: FloatArray, destinations: FloatArray) -> FloatArray:
        """Share of each trip (by longitude) east of ``east_meridian``, ``(n, m)`` in [0, 1]."""
        shape = (len(origins), len(destinations))
        if self.east_meridian is None:
            return np.zeros(shape)
        lon_a = origins[:, 1][:, None]
        lon_b = destinations[:, 1][None, :]
        low, high = np.minimum(lon_a, lon_b), np.maximum(lon_a, lon_b)
        span = high - low
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.clip((high - self.east_meridian) / span, 0.0, 1.0)
        return np.asarray(np.where(span > 0, share, (low > self.east_meridian).astype(float)))

    def speed(
        self, road_km: ArrayLike, date: dt.date | None = None, east_fraction: ArrayLike = 0.0
    ) -> FloatArray:
        """Average speed (km/h) of trips of ``road_km`` road km on ``date``.

        ``east_fraction`` (0–1, broadcast with ``road_km``) is the share of the
        trip east of ``east_meridian``.
        """
        d = np.asarray(road_km, dtype=np.float64)
        east = np.asarray(east_fraction, dtype=np.float64)
        rise = d / -self.speed_scale_km
        np.expm1(rise, out=rise)  # in place: these arrays can hold millions of pairs
        if east.ndim == 0 and float(east) == 0.0:
            rise *= self.speed_kmh - self.long_speed_kmh
        else:
            v1 = self.long_speed_kmh + (self.east_long_speed_kmh - self.long_speed_kmh) * east
            rise = rise * (self.speed_kmh - v1)
        rise += self.speed_kmh
        if is_winter(date, self.winter_months):
            rise -= self.speed_kmh - self.winter_speed_kmh
        return np.asarray(rise)

    def time_of_km(
        self, road_km: ArrayLike, date: dt.date | None = None, east_fraction: ArrayLike = 0.0
    ) -> FloatArray:
        """Minutes of trips of ``road_km`` road km (0 for 0 km); see :meth:`speed`."""
        d = np.asarray(road_km, dtype=np.float64)
        minutes = self.speed(d, date, east_fraction)
        np.divide(d, minutes, out=minutes)
        minutes *= 60.0
        minutes += self.overhead_minutes
        minutes[d <= 0.0] = 0.0
        return minutes

    def open_road(
        self, origins: FloatArray, destinations: FloatArray, date: dt.date | None = None
    ) -> tuple[FloatArray, FloatArray]:
        """Minutes and road km from each origin to each destination, ignoring closures.

        Parameters
        ----------
        origins, destinations
            ``(n, 2)`` and ``(m, 2)`` arrays of ``(lat, lon)``.
        date
            Travel date (selects the winter speeds).

        Returns
        -------
        minutes, km
            Two ``(n, m)`` arrays.
        """
        km = haversine_matrix_km(origins, destinations)
        km *= self.circuity
        east = 0.0 if self.east_meridian is None else self.east_fraction(origins, destinations)
        return self.time_of_km(km, date, east), km

    def matrix(
        self, points: ArrayLike, date: dt.date | None = None
    ) -> tuple[FloatArray, FloatArray]:
        """Minutes and road km between every ordered pair of ``points``.

        See :meth:`areatour.travel.TravelModel.matrix`. The returned arrays are
        cached and read-only.
        """
        pts = as_points(points)
        season = "winter" if is_winter(date, self.winter_months) else "summer"
        closures = self.closure_set
        key = (points_key(pts), season, closures.key(date))

        def compute() -> tuple[FloatArray, FloatArray]:
            minutes, km = self.open_road(pts, pts, date)
            if len(closures):

                def access(a: FloatArray, b: FloatArray) -> tuple[FloatArray, FloatArray]:
                    return self.open_road(a, b, date)

                def time_of_km(d: FloatArray, a: FloatArray, b: FloatArray) -> FloatArray:
                    return self.time_of_km(d, date, self.east_fraction(a, b))

                minutes, km = closures.apply(minutes, km, pts, date, access, time_of_km=time_of_km)
            return minutes, km

        return self._cache.get_or_compute(key, compute)

    def path(self, a: LatLon, b: LatLon, date: dt.date | None = None) -> list[LatLon]:
        """The drawn geometry of a leg: a straight segment ``[a, b]``.

        When an active closure sends the leg round a detour given by waypoints,
        the waypoints are included (``[a, *waypoints, b]``) so that maps show the
        way actually driven.
        """
        start, end = (float(a[0]), float(a[1])), (float(b[0]), float(b[1]))
        pts = np.array([start, end])
        for closure in self.closure_set.active(date):
            if not closure.detour_via:
                continue
            in_a, in_b = closure.sides(pts)
            if (in_a[0] and in_b[1]) or (in_b[0] and in_a[1]):
                closed, _ = self.matrix(pts, date)
                open_, _ = self.open_road(pts, pts, date)
                if closed[0, 1] > open_[0, 1]:
                    via = list(closure.detour_via) if in_a[0] else list(closure.detour_via)[::-1]
                    return [start, *via, end]
        return [start, end]

    def clear_cache(self) -> None:
        """Forget every cached matrix."""
        self._cache.clear()
