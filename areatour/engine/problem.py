"""The frozen numeric problem solved by the engine.

A :class:`Problem` holds plain numpy arrays only (scores, service minutes, travel minutes per
day, opening windows per day, day windows, lodging candidates, work blocks) and is validated
once in ``__post_init__``. The solver sees nothing else: no graph, no geometry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from areatour.errors import ValidationError

__all__ = ["Block", "Problem"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


def _readonly(array: NDArray[Any]) -> NDArray[Any]:
    array.setflags(write=False)
    return array


def _int_vector(name: str, value: ArrayLike, n: int | None = None) -> IntArray:
    array = np.asarray(value)
    if array.size == 0:
        array = array.reshape(0)
    if array.ndim != 1:
        raise ValidationError(f"{name} must be one-dimensional, got shape {array.shape}")
    if (
        array.size
        and not np.issubdtype(array.dtype, np.integer)
        and not np.all(np.equal(np.mod(array, 1), 0))
    ):
        raise ValidationError(f"{name} must hold integers, got {array!r}")
    array = array.astype(np.int64)
    if n is not None:
        bad = array[(array < 0) | (array >= n)]
        if bad.size:
            raise ValidationError(f"{name} holds node index {int(bad[0])} outside 0..{n - 1}")
    return array


@dataclass(frozen=True)
class Block:
    """A stay of at least ``minutes`` at one node of ``nodes`` on ``day``.

    Parameters
    ----------
    day
        Day index (0-based) on which the block must take place.
    nodes
        Candidate node indices; exactly one of them serves the block.
    minutes
        Minimum length of the stay. The stay lies inside the node's window on that day.
    label
        Name used in messages, e.g. ``"work"``.
    """

    day: int
    nodes: IntArray
    minutes: float
    label: str = ""

    def __post_init__(self) -> None:
        nodes = _int_vector("Block.nodes", self.nodes)
        if nodes.size == 0:
            raise ValidationError(f"Block.nodes of block {self.label!r} is empty")
        object.__setattr__(self, "nodes", _readonly(nodes))
        if not np.isfinite(self.minutes) or self.minutes < 0:
            raise ValidationError(f"Block.minutes must be finite and >= 0, got {self.minutes!r}")
        object.__setattr__(self, "minutes", float(self.minutes))
        object.__setattr__(self, "day", int(self.day))

    @property
    def name(self) -> str:
        """Label used in messages (``label`` or ``"#<day>"``)."""
        return self.label or f"#{self.day}"


@dataclass(frozen=True)
class Problem:
    """A multi-day orienteering problem with lodging selection, windows and work blocks.

    All times are minutes on one clock shared by ``windows`` and ``day_windows``.

    Parameters
    ----------
    scores
        ``(n,)`` score of visiting each node.
    service
        ``(n,)`` service (visit) minutes of each node.
    travel
        ``(D, n, n)`` travel minutes for each day, or ``(n, n)`` for all days (stored as a
        read-only broadcast view, no copy).
    windows
        ``(D, n, 2)`` (or ``(n, 2)``) ``[open, close]`` of each node per day. A node is closed
        on a day when the row is NaN or ``open > close`` (e.g. ``(inf, -inf)``).
    day_windows
        ``(D, 2)`` earliest departure from the day's start node and latest arrival at the
        day's end node.
    start, end
        Node where the tour starts (day 0) and ends (last day).
    categories, towns
        ``(n,)`` integer labels, -1 for none. Defaults: all -1.
    distance
        Optional ``(D, n, n)`` or ``(n, n)`` kilometres, for reporting only.
    day_travel_limit
        ``(D,)`` maximum travel minutes per day; ``inf`` means no limit.
    service_within_window
        If True, service starts at or after ``open`` and ends at or before ``close``. If
        False (TOPTW benchmarks), service must only *start* within ``[open, close]``.
    lodging
        ``(L,)`` node indices of lodging candidates (needed when ``D > 1``).
    lodging_available
        ``(D - 1, L)`` whether candidate ``l`` can be used for night ``d`` (after day ``d``).
    max_lodging_changes
        Maximum number of nights whose lodging differs from the previous night's.
    lodging_scores
        ``(L,)`` value added per night spent at each candidate.
    blocks
        Work blocks; see :class:`Block`.
    must_visit, forbidden
        Node indices that must / must not be visited.
    min_towns
        Minimum number of distinct towns (``towns >= 0``) among visited nodes.
    max_town_share
        Maximum share, among the visited nodes that have a town (``towns >= 0``), of those
        located in any one town.

    Notes
    -----
    A *visit* is any stop between a day's start and end node. Each node earns its score
    once, however often it is visited; a node may have at most one regular (non-block)
    visit, and any number of block visits (a workspace used every day). Endpoints (start,
    end, lodging) are not visits. A block stop lasts ``max(service, block.minutes)`` and
    must lie entirely inside the node's window; regular stops follow
    ``service_within_window``. Waiting before a window opens is allowed and is not travel.
    """

    scores: FloatArray
    service: FloatArray
    travel: FloatArray
    windows: FloatArray
    day_windows: FloatArray
    start: int
    end: int
    categories: IntArray | None = None
    towns: IntArray | None = None
    distance: FloatArray | None = None
    day_travel_limit: FloatArray | None = None
    service_within_window: bool = True
    lodging: IntArray | None = None
    lodging_available: BoolArray | None = None
    max_lodging_changes: int | None = None
    lodging_scores: FloatArray | None = None
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    must_visit: IntArray | None = None
    forbidden: IntArray | None = None
    min_towns: int = 0
    max_town_share: float = 1.0

    def __post_init__(self) -> None:
        scores = self._float_vector("scores", self.scores)
        n = scores.size
        if n == 0:
            raise ValidationError("scores is empty: a problem needs at least one node")
        self._set("scores", scores)
        service = self._float_vector("service", self.service, n)
        if np.any(service < 0):
            raise ValidationError(f"service holds a negative value {service[service < 0][0]}")
        self._set("service", service)
        day_windows = np.array(self.day_windows, dtype=np.float64)
        if day_windows.ndim != 2 or day_windows.shape[1] != 2 or day_windows.shape[0] < 1:
            raise ValidationError(f"day_windows must have shape (D, 2), got {day_windows.shape}")
        if np.any(np.isnan(day_windows)) or np.any(day_windows[:, 0] > day_windows[:, 1]):
            bad = int(np.nonzero(~(day_windows[:, 0] <= day_windows[:, 1]))[0][0])
            raise ValidationError(f"day_windows[{bad}] = {day_windows[bad].tolist()} is empty")
        n_days = day_windows.shape[0]
        self._set("day_windows", day_windows)
        self._set("travel", self._matrix("travel", self.travel, n_days, n))
        if self.distance is not None:
            self._set("distance", self._matrix("distance", self.distance, n_days, n))
        self._set("windows", self._windows(n_days, n))
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, (int, np.integer)) or not 0 <= value < n:
                raise ValidationError(f"{name} must be a node index in 0..{n - 1}, got {value!r}")
            object.__setattr__(self, name, int(value))
        for name in ("categories", "towns"):
            value = getattr(self, name)
            labels = np.full(n, -1, np.int64) if value is None else _int_vector(name, value)
            if labels.size != n:
                raise ValidationError(f"{name} must have length {n}, got {labels.size}")
            self._set(name, labels)
        limit = np.full(n_days, np.inf) if self.day_travel_limit is None else self.day_travel_limit
        limit = self._float_vector("day_travel_limit", limit, n_days, allow_inf=True)
        if np.any(limit < 0):
            raise ValidationError(f"day_travel_limit holds a negative value {limit.min()}")
        self._set("day_travel_limit", limit)
        object.__setattr__(self, "service_within_window", bool(self.service_within_window))
        self._validate_lodging(n_days, n)
        self._validate_blocks(n_days, n)
        for name in ("must_visit", "forbidden"):
            value = getattr(self, name)
            self._set(name, _int_vector(name, [] if value is None else value, n))
        assert self.must_visit is not None and self.forbidden is not None
        both = np.intersect1d(self.must_visit, self.forbidden)
        if both.size:
            raise ValidationError(f"node {int(both[0])} is in both must_visit and forbidden")
        if int(self.min_towns) < 0:
            raise ValidationError(f"min_towns must be >= 0, got {self.min_towns!r}")
        object.__setattr__(self, "min_towns", int(self.min_towns))
        share = float(self.max_town_share)
        if not 0 < share <= 1:
            raise ValidationError(f"max_town_share must be in (0, 1], got {self.max_town_share!r}")
        object.__setattr__(self, "max_town_share", share)

    # -- properties ------------------------------------------------------------------------
    @property
    def n_nodes(self) -> int:
        """Number of nodes ``n``."""
        return int(self.scores.size)

    @property
    def n_days(self) -> int:
        """Number of days ``D``."""
        return int(self.day_windows.shape[0])

    @property
    def travel_limits(self) -> FloatArray:
        """``day_travel_limit`` as an array (``inf`` where unlimited)."""
        assert self.day_travel_limit is not None
        return self.day_travel_limit

    def is_open(self, day: int, node: int) -> bool:
        """Whether ``node`` has a non-empty window on ``day``."""
        opening, closing = self.windows[day, node]
        return bool(opening <= closing)

    def night_candidates(self, night: int) -> IntArray:
        """Lodging node indices available for ``night`` (after day ``night``)."""
        assert self.lodging is not None and self.lodging_available is not None
        return self.lodging[self.lodging_available[night]]

    # -- helpers ---------------------------------------------------------------------------
    def _set(self, name: str, array: NDArray[Any]) -> None:
        if array.flags.writeable:
            array.setflags(write=False)
        object.__setattr__(self, name, array)

    @staticmethod
    def _float_vector(
        name: str, value: ArrayLike, n: int | None = None, *, allow_inf: bool = False
    ) -> FloatArray:
        array = np.array(value, dtype=np.float64)
        if array.ndim != 1:
            raise ValidationError(f"{name} must be one-dimensional, got shape {array.shape}")
        if n is not None and array.size != n:
            raise ValidationError(f"{name} must have length {n}, got {array.size}")
        ok = ~np.isnan(array) if allow_inf else np.isfinite(array)
        if not np.all(ok):
            raise ValidationError(f"{name} holds a non-finite value {array[~ok][0]}")
        return array

    @staticmethod
    def _matrix(name: str, value: ArrayLike, n_days: int, n: int) -> FloatArray:
        array = np.asarray(value, dtype=np.float64)
        if array.shape == (n, n):
            array = np.broadcast_to(array, (n_days, n, n))
        elif array.shape != (n_days, n, n):
            raise ValidationError(
                f"{name} must have shape ({n}, {n}) or ({n_days}, {n}, {n}), got {array.shape}"
            )
        bad = ~np.isfinite(array) | (array < 0)
        if np.any(bad):
            d, i, j = (int(k[0]) for k in np.nonzero(bad))
            raise ValidationError(f"{name}[{d}, {i}, {j}] = {array[d, i, j]} is not >= 0")
        if not array.flags.writeable:
            return array
        return _readonly(array)

    def _windows(self, n_days: int, n: int) -> FloatArray:
        array = np.array(self.windows, dtype=np.float64)
        if array.shape == (n, 2):
            array = np.repeat(array[None], n_days, axis=0)
        if array.shape != (n_days, n, 2):
            raise ValidationError(
                f"windows must have shape ({n_days}, {n}, 2) or ({n}, 2), got {array.shape}"
            )
        closed = np.isnan(array).any(axis=2) | (array[..., 0] > array[..., 1])
        array[closed] = (np.inf, -np.inf)
        return array

    def _validate_lodging(self, n_days: int, n: int) -> None:
        lodging = _int_vector("lodging", [] if self.lodging is None else self.lodging, n)
        n_lodging = lodging.size
        if n_days > 1 and n_lodging == 0:
            raise ValidationError(f"lodging is empty but the problem has {n_days} days")
        if np.unique(lodging).size != n_lodging:
            raise ValidationError(f"lodging holds a duplicate node: {lodging.tolist()}")
        self._set("lodging", lodging)
        if self.lodging_available is None:
            available = np.ones((max(n_days - 1, 0), n_lodging), dtype=bool)
        else:
            available = np.array(self.lodging_available, dtype=bool)
        if available.shape != (max(n_days - 1, 0), n_lodging):
            raise ValidationError(
                f"lodging_available must have shape ({max(n_days - 1, 0)}, {n_lodging}), "
                f"got {available.shape}"
            )
        self._set("lodging_available", available)
        scores = np.zeros(n_lodging) if self.lodging_scores is None else self.lodging_scores
        self._set("lodging_scores", self._float_vector("lodging_scores", scores, n_lodging))
        changes = self.max_lodging_changes
        if changes is not None:
            if not isinstance(changes, (int, np.integer)) or changes < 0:
                raise ValidationError(f"max_lodging_changes must be an int >= 0, got {changes!r}")
            object.__setattr__(self, "max_lodging_changes", int(changes))

    def _validate_blocks(self, n_days: int, n: int) -> None:
        blocks = tuple(self.blocks)
        for block in blocks:
            if not isinstance(block, Block):
                raise ValidationError(f"blocks must hold Block objects, got {block!r}")
            if not 0 <= block.day < n_days:
                raise ValidationError(
                    f"block {block.name!r} has day {block.day} outside 0..{n_days - 1}"
                )
            bad = block.nodes[(block.nodes < 0) | (block.nodes >= n)]
            if bad.size:
                raise ValidationError(
                    f"block {block.name!r} holds node index {int(bad[0])} outside 0..{n - 1}"
                )
        object.__setattr__(self, "blocks", blocks)
