"""Travel times computed elsewhere (OSRM, Valhalla, a spreadsheet) and read from a file.

The file is a long table with one row per ordered pair: ``minutes`` and ``km``
plus either point ids (``from_id``, ``to_id``; coordinates given separately or
in ``from_lat``/``from_lon``/``to_lat``/``to_lon`` columns) or coordinates only.
Requested points are matched to the known points within ``tolerance_m``; a
point or pair that is not in the table raises :class:`~areatour.errors.DataError`
naming what is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from ..errors import DataError, DataIssue, ValidationError
from .base import EARTH_RADIUS_KM, FloatArray, LatLon, as_points, is_winter
from .cache import MatrixCache, points_key
from .closures import Closure, ClosureSet, closures_from, default_closures
from .straight import StraightLineModel

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MatrixModel"]


def _default_closure_set() -> ClosureSet:
    return default_closures()


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (arrays)
class MatrixModel:
    """Pairwise minutes and km looked up from a precomputed table.

    Parameters
    ----------
    ids
        Point ids, one per row/column of the matrices.
    coords
        ``(m, 2)`` ``(lat, lon)`` of those points.
    minutes, km
        ``(m, m)`` matrices; ``nan`` marks a pair the table does not have.
    tolerance_m
        How far (metres) a requested point may be from a known point to match it.
    winter_factor
        Multiplier on minutes in the winter months.
    winter_months
        Months that count as winter.
    closures
        Seasonal closures; reaching their gates and waypoints uses
        ``access_model`` because the table does not know those points.
    access_model
        Model for trips to closure gates and waypoints.
    source
        Name of the file the table came from (used in messages).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"from_lat": [43.0], "from_lon": [141.0], "to_lat": [43.1],
    ...                       "to_lon": [141.1], "minutes": [18.0], "km": [15.0]})
    >>> model = MatrixModel.from_frame(table, symmetric=True, closures=None)
    >>> minutes, km = model.matrix([(43.1, 141.1), (43.0, 141.0)])
    >>> float(minutes[0, 1]), float(km[1, 0])
    (18.0, 15.0)
    """

    ids: tuple[str, ...]
    coords: FloatArray
    minutes: FloatArray
    km: FloatArray
    tolerance_m: float = 50.0
    winter_factor: float = 1.0
    winter_months: tuple[int, ...] = (12, 1, 2, 3)
    closures: ClosureSet | Sequence[Closure] | None = field(default_factory=_default_closure_set)
    access_model: StraightLineModel | None = None
    source: str = "<matrix>"
    cache_size: int = 16
    _cache: MatrixCache = field(init=False, repr=False, compare=False, hash=False)
    _tree: Any = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        from scipy.spatial import cKDTree

        coords = as_points(self.coords, name="coords")
        m = len(self.ids)
        minutes = np.array(self.minutes, dtype=np.float64)
        km = np.array(self.km, dtype=np.float64)
        problems: list[str] = []
        if coords.shape != (m, 2):
            problems.append(f"coords must have shape ({m}, 2), got {coords.shape}")
        if minutes.shape != (m, m) or km.shape != (m, m):
            problems.append(f"minutes and km must be ({m}, {m})")
        if len(set(self.ids)) != m:
            problems.append("ids must be unique")
        if not (np.isfinite(self.tolerance_m) and self.tolerance_m >= 0):
            problems.append("tolerance_m must be >= 0")
        if problems:
            raise ValidationError("MatrixModel: " + "; ".join(problems))
        np.fill_diagonal(minutes, 0.0)
        np.fill_diagonal(km, 0.0)
        for arr in (coords, minutes, km):
            arr.setflags(write=False)
        object.__setattr__(self, "coords", coords)
        object.__setattr__(self, "minutes", minutes)
        object.__setattr__(self, "km", km)
        object.__setattr__(self, "ids", tuple(str(i) for i in self.ids))
        object.__setattr__(self, "winter_months", tuple(self.winter_months))
        object.__setattr__(self, "closures", closures_from(self.closures))
        object.__setattr__(self, "_cache", MatrixCache(self.cache_size))
        object.__setattr__(self, "_tree", cKDTree(_unit_vectors(coords)))

    # ------------------------------------------------------------------ readers
    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        points: Mapping[str, LatLon] | None = None,
        symmetric: bool = False,
        source: str = "<frame>",
        **kwargs: Any,
    ) -> MatrixModel:
        """Build from a long table (see the module docstring for the columns).

        Parameters
        ----------
        frame
            One row per ordered pair with ``minutes`` and ``km``.
        points
            ``id -> (lat, lon)`` when the table has ids but no coordinates.
        symmetric
            Use the ``A → B`` row for ``B → A`` when the latter is missing.
        source
            Name used in error messages.
        **kwargs
            Passed to the constructor (``tolerance_m``, ``closures``, ...).
        """
        cols = set(frame.columns)
        issues: list[DataIssue] = []
        for col in ("minutes", "km"):
            if col not in cols:
                issues.append(DataIssue(source, None, col, None, "missing column"))
        has_ids = {"from_id", "to_id"} <= cols
        has_xy = {"from_lat", "from_lon", "to_lat", "to_lon"} <= cols
        if not has_ids and not has_xy:
            issues.append(
                DataIssue(
                    source,
                    None,
                    None,
                    None,
                    "need from_id/to_id or from_lat/from_lon/to_lat/to_lon columns",
                )
            )
        if has_ids and not has_xy and points is None:
            issues.append(
                DataIssue(
                    source,
                    None,
                    None,
                    None,
                    "ids without coordinates: pass points={id: (lat, lon)}",
                )
            )
        if issues:
            raise DataError(issues)
        if has_ids:
            f_ids = frame["from_id"].astype(str).to_numpy()
            t_ids = frame["to_id"].astype(str).to_numpy()
        else:
            f_ids = np.array(
                [
                    f"{a:.6f},{b:.6f}"
                    for a, b in zip(frame["from_lat"], frame["from_lon"], strict=True)
                ]
            )
            t_ids = np.array(
                [f"{a:.6f},{b:.6f}" for a, b in zip(frame["to_lat"], frame["to_lon"], strict=True)]
            )
        coord_of: dict[str, LatLon] = {}
        if has_xy:
            for side_ids, lat_col, lon_col in (
                (f_ids, "from_lat", "from_lon"),
                (t_ids, "to_lat", "to_lon"),
            ):
                for i, lat, lon in zip(side_ids, frame[lat_col], frame[lon_col], strict=True):
                    coord_of.setdefault(str(i), (float(lat), float(lon)))
        if points is not None:
            coord_of.update({str(k): (float(v[0]), float(v[1])) for k, v in points.items()})
        ids: list[str] = sorted({str(i) for i in f_ids} | {str(i) for i in t_ids})
        missing = [i for i in ids if i not in coord_of]
        if missing:
            raise DataError(
                [
                    DataIssue(source, None, "id", i, "no coordinates for this point id")
                    for i in missing
                ]
            )
        pos = {pid: k for k, pid in enumerate(ids)}
        mins = pd_to_float(frame["minutes"], source, "minutes")
        kms = pd_to_float(frame["km"], source, "km")
        m = len(ids)
        minutes = np.full((m, m), np.nan)
        km = np.full((m, m), np.nan)
        fi = np.array([pos[i] for i in f_ids], dtype=np.int64)
        ti = np.array([pos[i] for i in t_ids], dtype=np.int64)
        pair = fi * m + ti
        _, first, counts = np.unique(pair, return_index=True, return_counts=True)
        if (counts > 1).any():
            raise DataError(
                [
                    DataIssue(source, int(r) + 1, "to_id", f"{f_ids[r]} -> {t_ids[r]}",
                              "pair listed more than once")
                    for r in first[counts > 1][:50]
                ]
            )  # fmt: skip
        if symmetric:
            minutes[ti, fi] = mins
            km[ti, fi] = kms
        minutes[fi, ti] = mins
        km[fi, ti] = kms
        coords = np.array([coord_of[i] for i in ids], dtype=np.float64).reshape(-1, 2)
        return cls(tuple(ids), coords, minutes, km, source=source, **kwargs)

    @classmethod
    def from_csv(cls, path: str | Path, **kwargs: Any) -> MatrixModel:
        """Read a long CSV table; see :meth:`from_frame` for the options."""
        import pandas as pd

        try:
            frame = pd.read_csv(path, dtype={"from_id": str, "to_id": str})
        except (OSError, ValueError) as exc:
            raise DataError(DataIssue(str(path), None, None, None, f"cannot read: {exc}")) from None
        return cls.from_frame(frame, source=str(path), **kwargs)

    @classmethod
    def from_parquet(cls, path: str | Path, **kwargs: Any) -> MatrixModel:
        """Read a long Parquet table (needs ``pyarrow``); see :meth:`from_frame`."""
        import pandas as pd

        try:
            frame = pd.read_parquet(path)
        except (OSError, ValueError, ImportError) as exc:
            raise DataError(DataIssue(str(path), None, None, None, f"cannot read: {exc}")) from None
        return cls.from_frame(frame, source=str(path), **kwargs)

    # ------------------------------------------------------------------ lookups
    def locate(self, points: ArrayLike) -> np.ndarray:
        """Index of the known point matching each requested point.

        Raises
        ------
        DataError
            Some points are farther than ``tolerance_m`` from every known point.
        """
        pts = as_points(points)
        dist, idx = self._tree.query(_unit_vectors(pts))
        metres = 2.0 * np.arcsin(np.clip(np.asarray(dist) / 2.0, 0, 1)) * EARTH_RADIUS_KM * 1000
        bad = np.flatnonzero(metres > self.tolerance_m)
        if bad.size:
            raise DataError(
                [
                    DataIssue(
                        self.source,
                        None,
                        None,
                        f"{pts[i, 0]:.6f},{pts[i, 1]:.6f}",
                        f"point {i} is not in the table (nearest known point: {metres[i]:.0f} m)",
                    )
                    for i in bad[:50]
                ]
            )
        return np.asarray(idx, dtype=np.int64).reshape(-1)

    def _lookup(self, idx: np.ndarray) -> tuple[FloatArray, FloatArray]:
        block = np.ix_(idx, idx)
        minutes, km = self.minutes[block].copy(), self.km[block].copy()
        same = idx[:, None] == idx[None, :]
        minutes[same] = 0.0
        km[same] = 0.0
        missing = np.argwhere(np.isnan(minutes) | np.isnan(km))
        if missing.size:
            raise DataError(
                [
                    DataIssue(
                        self.source,
                        None,
                        None,
                        f"{self.ids[idx[i]]} -> {self.ids[idx[j]]}",
                        "pair missing from the table",
                    )
                    for i, j in missing[:50]
                ]
            )
        return minutes, km

    def matrix(
        self, points: ArrayLike, date: dt.date | None = None
    ) -> tuple[FloatArray, FloatArray]:
        """Minutes and km between every ordered pair of ``points`` (read-only arrays).

        Raises
        ------
        DataError
            A point or a pair is not in the table.
        """
        pts = as_points(points)
        closures = closures_from(self.closures)
        season = "winter" if is_winter(date, self.winter_months) else "summer"
        key = (points_key(pts), season, closures.key(date))

        def compute() -> tuple[FloatArray, FloatArray]:
            minutes, km = self._lookup(self.locate(pts))
            if is_winter(date, self.winter_months):
                minutes = minutes * self.winter_factor
            if len(closures):
                access_model = self.access_model or StraightLineModel(closures=None)

                def access(a: FloatArray, b: FloatArray) -> tuple[FloatArray, FloatArray]:
                    return access_model.open_road(a, b, date)

                minutes, km = closures.apply(minutes, km, pts, date, access)
            return minutes, km

        return self._cache.get_or_compute(key, compute)

    def matrix_by_ids(
        self, ids: Sequence[str], date: dt.date | None = None
    ) -> tuple[FloatArray, FloatArray]:
        """Like :meth:`matrix`, with points given by id."""
        pos = {pid: k for k, pid in enumerate(self.ids)}
        unknown = [i for i in ids if i not in pos]
        if unknown:
            raise DataError(
                [DataIssue(self.source, None, "id", i, "unknown point id") for i in unknown]
            )
        return self.matrix(self.coords[[pos[i] for i in ids]], date)


def _unit_vectors(points: FloatArray) -> FloatArray:
    lat, lon = np.radians(points[:, 0]), np.radians(points[:, 1])
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def pd_to_float(series: pd.Series, source: str, column: str) -> FloatArray:
    """A numeric column as floats; non-numeric cells raise DataError with their rows."""
    import pandas as pd

    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64)
    bad = np.flatnonzero(~np.isfinite(values) | (values < 0))
    if bad.size:
        raise DataError(
            [
                DataIssue(
                    source, int(i) + 1, column, str(series.iloc[i]), "not a non-negative number"
                )
                for i in bad[:50]
            ]
        )
    return values
