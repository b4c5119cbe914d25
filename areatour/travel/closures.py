"""Seasonal road closures, read from data and applied by every travel model.

A closure cuts the road between two *gates*. Each gate has a catchment: the
points within ``radius_km`` of the gate that are nearer to it than to the other
gate (the nearer-gate rule keeps the two catchments disjoint even when the
circles overlap). While a closure is active (its month-day range contains the
travel date, ranges may wrap the new year), a trip between a point in one
catchment and a point in the other takes

``max(open time, closed time)``

where the closed time is, depending on the row,

* ``detour_via``: the model's own time from the start to the first waypoint,
  between consecutive waypoints, and from the last waypoint to the end
  (waypoints are listed from the A side to the B side);
* ``detour_minutes`` / ``detour_km``: the model's time from the start to its
  gate, plus the stated gate-to-gate detour, plus the time from the other gate
  to the end;
* neither: impassable, the trip becomes ``inf``.

The kilometres follow the route that is taken (the detour's when it is slower
than the open road). The file format is documented in ``data/travel/README.md``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ..errors import DataError, DataIssue, ValidationError
from ..tables import read_table
from .base import FloatArray, LatLon, haversine_km

__all__ = [
    "AccessFunction",
    "Closure",
    "ClosureSet",
    "TimeOfKm",
    "default_closures",
    "load_closures",
    "no_closures",
]

#: ``access(origins, destinations) -> (minutes, km)``, both ``(n, m)``: the
#: model's own travel between two sets of points; closures use it to reach
#: gates and waypoints.
BoolArray = NDArray[np.bool_]
#: ``time_of_km(km, origins, destinations) -> minutes``: a model's time for
#: ``(n, m)`` trips of the given road km between ``(n, 2)`` origins and
#: ``(m, 2)`` destinations (for models whose speed depends on length and place).
TimeOfKm = Callable[[FloatArray, FloatArray, FloatArray], FloatArray]
AccessFunction = Callable[[FloatArray, FloatArray], tuple[FloatArray, FloatArray]]

_MD = re.compile(r"^(\d{1,2})-(\d{1,2})$")
_COLUMNS = (
    "id",
    "name_ja",
    "name_en",
    "a_name",
    "a_lat",
    "a_lon",
    "a_radius_km",
    "b_name",
    "b_lat",
    "b_lon",
    "b_radius_km",
    "start",
    "end",
    "detour_minutes",
    "detour_km",
    "detour_via",
    "source",
)


def _check_md(month: int, day: int) -> None:
    # 2000 is a leap year, so 02-29 is accepted.
    dt.date(2000, month, day)


@dataclass(frozen=True)
class Closure:
    """One seasonal closure between two gates.

    Parameters
    ----------
    id
        Stable identifier, e.g. ``"shiretoko-pass"``.
    name_ja, name_en
        Names for display.
    gate_a, gate_b
        ``(lat, lon)`` of the two gates, one on each side of the closed road.
    radius_a_km, radius_b_km
        Catchment radius of each gate, km.
    start, end
        First and last closed day as ``(month, day)``, both inclusive; when
        ``start > end`` the range wraps the new year (e.g. ``(11, 1)`` to ``(4, 30)``).
    detour_minutes, detour_km
        Gate-to-gate time and distance of the detour; both or neither.
    detour_via
        Waypoints of the detour from the A side to the B side; exclusive with
        ``detour_minutes``. With neither, the closed road is impassable.
    source
        Where the dates and the detour come from (``title | URL``).
    """

    id: str
    name_ja: str
    name_en: str
    gate_a: LatLon
    radius_a_km: float
    gate_b: LatLon
    radius_b_km: float
    start: tuple[int, int]
    end: tuple[int, int]
    detour_minutes: float | None = None
    detour_km: float | None = None
    detour_via: tuple[LatLon, ...] = ()
    source: str = ""
    name_a: str = ""
    name_b: str = ""

    def __post_init__(self) -> None:
        problems: list[str] = []
        for name, (lat, lon) in (("gate_a", self.gate_a), ("gate_b", self.gate_b)):
            if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
                problems.append(f"{name} {(lat, lon)} is not a (lat, lon) pair")
        for name, r in (("radius_a_km", self.radius_a_km), ("radius_b_km", self.radius_b_km)):
            if not (np.isfinite(r) and r > 0):
                problems.append(f"{name} must be a positive number, got {r!r}")
        for name, md in (("start", self.start), ("end", self.end)):
            try:
                _check_md(*md)
            except (TypeError, ValueError):
                problems.append(f"{name} {md!r} is not a valid (month, day)")
        if (self.detour_minutes is None) != (self.detour_km is None):
            problems.append("give both detour_minutes and detour_km, or neither")
        if self.detour_minutes is not None and self.detour_via:
            problems.append("give detour_minutes/detour_km or detour_via, not both")
        for name, value in (("detour_minutes", self.detour_minutes), ("detour_km", self.detour_km)):
            if value is not None and not (np.isfinite(value) and value >= 0):
                problems.append(f"{name} must be a non-negative number, got {value!r}")
        if problems:
            raise ValidationError(f"closure {self.id!r}: " + "; ".join(problems))

    @property
    def impassable(self) -> bool:
        """Whether the closed road has no detour."""
        return self.detour_minutes is None and not self.detour_via

    def active_on(self, date: dt.date | None) -> bool:
        """Whether the road is closed on ``date`` (never when ``date`` is ``None``).

        Examples
        --------
        >>> c = Closure("x", "x", "x", (44.0, 145.0), 10.0, (44.1, 145.1), 10.0, (11, 1), (4, 30))
        >>> c.active_on(dt.date(2026, 1, 15)), c.active_on(dt.date(2026, 7, 1))
        (True, False)
        """
        if date is None:
            return False
        md = (date.month, date.day)
        if self.start <= self.end:
            return self.start <= md <= self.end
        return md >= self.start or md <= self.end

    def sides(self, points: FloatArray) -> tuple[BoolArray, BoolArray]:
        """Boolean masks of the points in the A and in the B catchment."""
        da = haversine_km(points[:, 0], points[:, 1], self.gate_a[0], self.gate_a[1])
        db = haversine_km(points[:, 0], points[:, 1], self.gate_b[0], self.gate_b[1])
        in_a = (da <= self.radius_a_km) & (da <= db)
        in_b = (db <= self.radius_b_km) & (db < da)
        return in_a, in_b

    def closed_trips(
        self,
        origins: FloatArray,
        destinations: FloatArray,
        access: AccessFunction,
        *,
        a_to_b: bool,
        time_of_km: TimeOfKm | None = None,
    ) -> tuple[FloatArray, FloatArray]:
        """Minutes and km of the detour from every origin to every destination.

        ``a_to_b`` says whether the origins lie on the A side. With
        ``time_of_km`` a ``detour_via`` trip is timed as one trip of the summed
        kilometres (models whose speed depends on trip length), otherwise as the
        sum of its legs.
        """
        n, m = len(origins), len(destinations)
        if self.impassable:
            inf = np.full((n, m), np.inf)
            return inf, inf.copy()
        if self.detour_via:
            via = np.asarray(self.detour_via, dtype=np.float64).reshape(-1, 2)
            if not a_to_b:
                via = via[::-1]
            m0, k0 = access(origins, via[:1])
            m1, k1 = access(via[-1:], destinations)
            mid_m = mid_k = 0.0
            if len(via) > 1:
                leg_m, leg_k = access(via, via)
                idx = np.arange(len(via) - 1)
                mid_m = float(leg_m[idx, idx + 1].sum())
                mid_k = float(leg_k[idx, idx + 1].sum())
            km = k0 + mid_k + k1
            if time_of_km is not None:
                return time_of_km(km, origins, destinations), km
            return m0 + mid_m + m1, km
        detour_min, detour_km = float(self.detour_minutes or 0.0), float(self.detour_km or 0.0)
        start_gate, end_gate = (self.gate_a, self.gate_b) if a_to_b else (self.gate_b, self.gate_a)
        m0, k0 = access(origins, np.asarray([start_gate], dtype=np.float64))
        m1, k1 = access(np.asarray([end_gate], dtype=np.float64), destinations)
        return m0 + detour_min + m1, k0 + detour_km + k1


@dataclass(frozen=True)
class ClosureSet:
    """An immutable collection of closures.

    Parameters
    ----------
    closures
        The closures; ids must be unique.
    """

    closures: tuple[Closure, ...] = field(default=())

    def __post_init__(self) -> None:
        ids = [c.id for c in self.closures]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValidationError(f"duplicate closure ids: {dupes}")

    def __iter__(self) -> Iterator[Closure]:
        return iter(self.closures)

    def __len__(self) -> int:
        return len(self.closures)

    def active(self, date: dt.date | None) -> tuple[Closure, ...]:
        """The closures in force on ``date``."""
        return tuple(c for c in self.closures if c.active_on(date))

    def key(self, date: dt.date | None) -> tuple[str, ...]:
        """Ids of the active closures: the closure part of a matrix cache key."""
        return tuple(c.id for c in self.active(date))

    def apply(
        self,
        minutes: FloatArray,
        km: FloatArray,
        points: FloatArray,
        date: dt.date | None,
        access: AccessFunction,
        time_of_km: TimeOfKm | None = None,
    ) -> tuple[FloatArray, FloatArray]:
        """Return copies of ``minutes`` and ``km`` with the active closures applied.

        Parameters
        ----------
        minutes, km
            ``(n, n)`` open-road matrices.
        points
            ``(n, 2)`` ``(lat, lon)`` of the matrix rows.
        date
            Travel date.
        access
            The model's own point-to-point travel, used to reach gates and
            waypoints.
        time_of_km
            For models whose speed depends on trip length: minutes of a trip of
            the given road km, so that a detour through waypoints is timed as one
            trip rather than as several short ones.
        """
        minutes, km = minutes.copy(), km.copy()
        for closure in self.active(date):
            in_a, in_b = closure.sides(points)
            ia, ib = np.flatnonzero(in_a), np.flatnonzero(in_b)
            if ia.size == 0 or ib.size == 0:
                continue
            for rows, cols, a_to_b in ((ia, ib, True), (ib, ia, False)):
                block = np.ix_(rows, cols)
                cm, ck = closure.closed_trips(
                    points[rows], points[cols], access, a_to_b=a_to_b, time_of_km=time_of_km
                )
                slower = cm > minutes[block]
                minutes[block] = np.where(slower, cm, minutes[block])
                km[block] = np.where(slower, ck, km[block])
        return minutes, km


def no_closures() -> ClosureSet:
    """An empty :class:`ClosureSet`."""
    return ClosureSet(())


def _parse_float(
    raw: str, row: int, column: str, issues: list[DataIssue], name: str, *, optional: bool = False
) -> float | None:
    raw = raw.strip()
    if raw == "" and optional:
        return None
    try:
        value = float(raw)
    except ValueError:
        issues.append(DataIssue(name, row, column, raw, "not a number"))
        return None
    if not np.isfinite(value):
        issues.append(DataIssue(name, row, column, raw, "not a finite number"))
        return None
    return value


def _parse_md(
    raw: str, row: int, column: str, issues: list[DataIssue], name: str
) -> tuple[int, int]:
    match = _MD.match(raw.strip())
    if match:
        md = (int(match.group(1)), int(match.group(2)))
        try:
            _check_md(*md)
        except ValueError:
            pass
        else:
            return md
    issues.append(DataIssue(name, row, column, raw, "expected a month-day like 11-01"))
    return (1, 1)


def _parse_via(raw: str, row: int, issues: list[DataIssue], name: str) -> tuple[LatLon, ...]:
    raw = raw.strip()
    if not raw:
        return ()
    out: list[LatLon] = []
    for part in raw.split(";"):
        bits = part.split()
        try:
            lat, lon = (float(b) for b in bits)
        except ValueError:
            issues.append(
                DataIssue(name, row, "detour_via", raw, "expected 'lat lon; lat lon; ...'")
            )
            return ()
        out.append((lat, lon))
    return tuple(out)


def load_closures(path: str | Path) -> ClosureSet:
    """Read a closures CSV (format in ``data/travel/README.md``).

    Parameters
    ----------
    path
        The CSV file.

    Raises
    ------
    DataError
        Missing columns or bad values; every problem is reported at once.

    Examples
    --------
    >>> from areatour.resources import data_dir
    >>> closures = load_closures(data_dir() / "travel" / "closures.csv")
    >>> len(closures) >= 1
    True
    """
    table = read_table(path, required=_COLUMNS)
    issues: list[DataIssue] = []
    closures: list[Closure] = []
    for i, rec in enumerate(table.rows, start=1):
        n_before = len(issues)

        def num(
            col: str, *, optional: bool = False, _i: int = i, _rec: dict[str, str] = rec
        ) -> float | None:
            return _parse_float(_rec[col], _i, col, issues, table.name, optional=optional)

        a = (num("a_lat"), num("a_lon"))
        b = (num("b_lat"), num("b_lon"))
        ra, rb = num("a_radius_km"), num("b_radius_km")
        start = _parse_md(rec["start"], i, "start", issues, table.name)
        end = _parse_md(rec["end"], i, "end", issues, table.name)
        dmin = num("detour_minutes", optional=True)
        dkm = num("detour_km", optional=True)
        via = _parse_via(rec["detour_via"], i, issues, table.name)
        if not rec["id"].strip():
            issues.append(table.issue(i, "id", rec["id"], "empty id"))
        if len(issues) > n_before:
            continue
        try:
            closures.append(
                Closure(
                    id=rec["id"].strip(),
                    name_ja=rec["name_ja"].strip(),
                    name_en=rec["name_en"].strip(),
                    gate_a=(float(a[0] or 0.0), float(a[1] or 0.0)),
                    radius_a_km=float(ra or 0.0),
                    gate_b=(float(b[0] or 0.0), float(b[1] or 0.0)),
                    radius_b_km=float(rb or 0.0),
                    start=start,
                    end=end,
                    detour_minutes=dmin,
                    detour_km=dkm,
                    detour_via=via,
                    source=rec["source"].strip(),
                    name_a=rec["a_name"].strip(),
                    name_b=rec["b_name"].strip(),
                )
            )
        except ValidationError as exc:
            issues.append(table.issue(i, None, None, str(exc)))
    if issues:
        raise DataError(issues)
    try:
        return ClosureSet(tuple(closures))
    except ValidationError as exc:
        raise DataError(DataIssue(table.name, None, "id", None, str(exc))) from None


@functools.lru_cache(maxsize=1)
def default_closures() -> ClosureSet:
    """The closures shipped in ``data/travel/closures.csv`` (read once, then cached)."""
    from ..resources import data_dir

    return load_closures(data_dir() / "travel" / "closures.csv")


def closures_from(value: ClosureSet | Sequence[Closure] | None) -> ClosureSet:
    """Coerce ``None`` (no closures), a sequence or a :class:`ClosureSet`."""
    if value is None:
        return no_closures()
    if isinstance(value, ClosureSet):
        return value
    return ClosureSet(tuple(value))
