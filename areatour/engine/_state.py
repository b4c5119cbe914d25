"""Flat array representation of a problem and of a tour under construction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from areatour.engine import _kernels as K
from areatour.engine.evaluate import latest_start, stop_duration
from areatour.engine.problem import Problem

__all__ = ["Arrays", "State", "build_arrays"]


@dataclass(frozen=True)
class Arrays:
    """Problem data laid out for the kernels (``pb`` tuple) plus a few extras."""

    pb: tuple[Any, ...]
    travel: NDArray[np.float64]  # (K, n, n) distinct day matrices
    day_mat: NDArray[np.int64]
    scale: NDArray[np.float64]  # per-day time scale for insertion costs
    bday: NDArray[np.int64]
    bptr: NDArray[np.int64]
    bnode: NDArray[np.int64]
    max_len: int


def build_arrays(problem: Problem) -> Arrays:
    """Precompute everything the kernels need from ``problem``."""
    n, n_days = problem.n_nodes, problem.n_days
    travel = problem.travel
    if travel.strides[0] == 0:
        mats = np.ascontiguousarray(travel[0])[None]
        day_mat = np.zeros(n_days, np.int64)
    else:
        mats = np.ascontiguousarray(travel)
        day_mat = np.arange(n_days, dtype=np.int64)
    open_ = np.ascontiguousarray(problem.windows[:, :, 0])
    lat_reg = np.empty((n_days, n))
    for d in range(n_days):
        closing = problem.windows[d, :, 1]
        if problem.service_within_window:
            lat_reg[d] = closing - problem.service
        else:
            lat_reg[d] = closing.copy()
        lat_reg[d, open_[d] > lat_reg[d]] = -np.inf
    assert problem.forbidden is not None
    lat_reg[:, problem.forbidden] = -np.inf
    open_ = np.where(np.isfinite(open_), open_, 0.0)
    bday = np.array([b.day for b in problem.blocks], dtype=np.int64)
    sizes = [b.nodes.size for b in problem.blocks]
    bptr = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
    bnode = np.array([v for b in problem.blocks for v in b.nodes], dtype=np.int64)
    blat = np.array(
        [
            latest_start(problem, b.day, int(v), i)
            for i, b in enumerate(problem.blocks)
            for v in b.nodes
        ],
        dtype=np.float64,
    )
    blat[np.isin(bnode, problem.forbidden)] = -np.inf
    bdur = np.array(
        [stop_duration(problem, int(v), i) for i, b in enumerate(problem.blocks) for v in b.nodes],
        dtype=np.float64,
    )
    limit = problem.travel_limits.astype(np.float64)
    span = problem.day_windows[:, 1] - problem.day_windows[:, 0]
    scale = np.where(np.isfinite(span), span, np.where(np.isfinite(limit), limit, 1.0))
    scale = np.maximum(scale, 1e-6)
    pb = (
        mats,
        day_mat,
        open_,
        lat_reg,
        problem.service.astype(np.float64),
        limit,
        bday,
        bptr,
        bnode,
        blat,
        bdur,
    )
    return Arrays(pb, mats, day_mat, scale, bday, bptr, bnode, n + len(sizes) + 2)


def day_arrays(arrays: Arrays, day: int) -> Arrays:
    """The kernel data of a one-day problem made of ``day`` alone (blocks of other days are
    moved to day -1 so they never match)."""
    mats, day_mat, open_, lat_reg, dur, limit, bday, bptr, bnode, blat, bdur = arrays.pb
    sl = slice(day, day + 1)
    one_bday = np.where(bday == day, 0, -1).astype(np.int64)
    pb = (
        mats,
        day_mat[sl],
        open_[sl],
        lat_reg[sl],
        dur,
        limit[sl],
        one_bday,
        bptr,
        bnode,
        blat,
        bdur,
    )
    return Arrays(pb, mats, day_mat[sl], arrays.scale[sl], one_bday, bptr, bnode, arrays.max_len)


class State:
    """A mutable tour: routes per day as kernel arrays, and lodging per night."""

    def __init__(
        self,
        problem: Problem,
        arrays: Arrays,
        lodging: list[int],
        day: int | None = None,
        ends: tuple[int, int] | None = None,
    ) -> None:
        """A tour with empty days; with ``day`` and ``ends`` a one-day tour of that day
        between ``ends`` (``arrays`` then comes from :func:`day_arrays`)."""
        n_days, n, m = problem.n_days, problem.n_nodes, arrays.max_len
        days = range(n_days) if day is None else [day]
        if day is not None:
            n_days = 1
        self.problem = problem
        self.arrays = arrays
        self.st: tuple[Any, ...] = (
            np.zeros((n_days, m), np.int64),  # R
            np.full((n_days, m), -1, np.int64),  # BLK
            np.full(n_days, 2, np.int64),  # LN
            np.zeros((n_days, m)),  # OPN
            np.zeros((n_days, m)),  # LAT
            np.zeros((n_days, m)),  # DUR
            np.zeros((n_days, m)),  # ARR
            np.zeros((n_days, m)),  # DEP
            np.zeros((n_days, m)),  # LS
            np.zeros(n_days),  # TRV
            np.zeros(n, np.int64),  # reg: regular stops per node
            np.zeros(n, np.int64),  # vis: all stops per node
            np.zeros(len(problem.blocks), np.bool_),  # bdone
        )
        self.lodging = list(lodging)
        R, _, _, OPN, LAT = self.st[:5]
        for d, source in enumerate(days):
            if ends is not None:
                R[d, 0], R[d, 1] = ends
            else:
                R[d, 0] = problem.start if d == 0 else lodging[d - 1]
                R[d, 1] = problem.end if d == n_days - 1 else lodging[d]
            OPN[d, 0], LAT[d, 0] = problem.day_windows[source, 0], np.inf
            OPN[d, 1], LAT[d, 1] = -np.inf, problem.day_windows[source, 1]
            K.update_route(arrays.pb, self.st, d)

    def copy(self) -> State:
        """Deep copy of the arrays."""
        other = State.__new__(State)
        other.problem, other.arrays = self.problem, self.arrays
        other.st = tuple(a.copy() for a in self.st)
        other.lodging = list(self.lodging)
        return other

    # -- views ---------------------------------------------------------------------------
    def route(self, d: int) -> NDArray[np.int64]:
        """Nodes of route ``d`` including its endpoints."""
        return self.st[0][d, : self.st[2][d]]

    def routes(self) -> tuple[tuple[int, ...], ...]:
        """All routes as tuples."""
        return tuple(tuple(int(v) for v in self.route(d)) for d in range(self.problem.n_days))

    def visited_mask(self) -> NDArray[np.bool_]:
        """Nodes with at least one stop."""
        return self.st[11] > 0

    def total_travel(self) -> float:
        """Travel minutes over all days."""
        return float(self.st[9].sum())

    def unmet_blocks(self) -> int:
        """Number of blocks without a serving stop."""
        return int((~self.st[12]).sum())

    def block_visits(self) -> tuple[tuple[int, int], ...]:
        """``(day, position)`` serving each block, ``(-1, -1)`` if unmet."""
        blk, ln = self.st[1], self.st[2]
        visits = [(-1, -1)] * len(self.problem.blocks)
        bptr = self.arrays.bptr
        for d in range(self.problem.n_days):
            for p in range(1, int(ln[d]) - 1):
                k = int(blk[d, p])
                if k >= 0:
                    b = int(np.searchsorted(bptr, k, side="right")) - 1
                    visits[b] = (d, p)
        return tuple(visits)

    # -- edits ---------------------------------------------------------------------------
    def set_lodging(self, night: int, node: int) -> None:
        """Change the lodging of ``night`` (end of day ``night``, start of the next)."""
        self.lodging[night] = node
        R, ln = self.st[0], self.st[2]
        R[night, ln[night] - 1] = node
        R[night + 1, 0] = node
        K.update_route(self.arrays.pb, self.st, night)
        K.update_route(self.arrays.pb, self.st, night + 1)

    def remove(self, d: int, positions: list[int]) -> None:
        """Remove the interior stops at ``positions`` of route ``d``."""
        for p in sorted(positions, reverse=True):
            K.remove_stop(self.arrays.pb, self.st, d, p, False)
        K.update_route(self.arrays.pb, self.st, d)

    def feasible(self, d: int) -> bool:
        """Whether route ``d`` is feasible (recomputes its schedule)."""
        return bool(K.update_route(self.arrays.pb, self.st, d))

    def repair(self, d: int, values: NDArray[np.float64]) -> None:
        """Drop the least valuable stops of route ``d`` per travel saved until feasible."""
        R, blk, ln = self.st[0], self.st[1], self.st[2]
        mat = self.arrays.travel[self.arrays.day_mat[d]]
        while not self.feasible(d) and ln[d] > 2:
            route = R[d, : ln[d]]
            inner = np.arange(1, ln[d] - 1)
            saving = (
                mat[route[inner - 1], route[inner]]
                + mat[route[inner], route[inner + 1]]
                - mat[route[inner - 1], route[inner + 1]]
            )
            worth = values[route[inner]] + K.BIG * (blk[d, inner] >= 0)
            p = int(inner[np.argmin(worth / (np.maximum(saving, 0.0) + 1e-6))])
            K.remove_stop(self.arrays.pb, self.st, d, p, False)
