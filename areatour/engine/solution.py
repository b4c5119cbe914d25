"""Immutable solver results: :class:`Solution`, :class:`SolveStats` and :class:`Progress`."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["Progress", "Solution", "SolveStats"]


@dataclass(frozen=True)
class Progress:
    """A progress report passed to the ``progress`` callback of :func:`solve`.

    Parameters
    ----------
    iteration
        Iterations done so far.
    seconds
        Wall-clock seconds since the search started.
    best
        Best objective value found so far (``-inf`` before the first feasible tour).
    current
        Objective value of the current (accepted) tour.
    """

    iteration: int
    seconds: float
    best: float
    current: float


@dataclass(frozen=True)
class SolveStats:
    """How the search went.

    Parameters
    ----------
    iterations
        Number of iterations run.
    seconds
        Wall-clock seconds spent (including set-up and any JIT compilation).
    best_seconds
        Seconds after which the returned tour was found.
    seed
        The seed passed to :func:`solve`.
    """

    iterations: int
    seconds: float
    best_seconds: float
    seed: int


@dataclass(frozen=True)
class Solution:
    """A feasible multi-day tour and its schedule.

    Parameters
    ----------
    routes
        One tuple of node indices per day, including the day's start and end node.
    lodging
        Lodging node chosen for each night (``D - 1`` entries).
    arrival, start, departure
        Per day and stop (aligned with ``routes``): arrival time, start of service (after
        any waiting) and departure time, in minutes.
    block_visits
        For each block of the problem (same order), ``(day, position)`` of the stop in
        ``routes[day]`` that serves it.
    travel
        Travel minutes per day.
    score
        Objective value.
    stats
        Search statistics.
    """

    routes: tuple[tuple[int, ...], ...]
    lodging: tuple[int, ...]
    arrival: tuple[tuple[float, ...], ...]
    start: tuple[tuple[float, ...], ...]
    departure: tuple[tuple[float, ...], ...]
    block_visits: tuple[tuple[int, int], ...]
    travel: tuple[float, ...]
    score: float
    stats: SolveStats

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-compatible representation (inverse of :meth:`from_dict`)."""
        data = asdict(self)
        data["routes"] = [list(r) for r in self.routes]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Solution:
        """Rebuild a :class:`Solution` from :meth:`to_dict` output."""

        def nested(key: str, kind: type) -> tuple[tuple[Any, ...], ...]:
            return tuple(tuple(kind(v) for v in row) for row in data[key])

        return cls(
            routes=nested("routes", int),
            lodging=tuple(int(v) for v in data["lodging"]),
            arrival=nested("arrival", float),
            start=nested("start", float),
            departure=nested("departure", float),
            block_visits=tuple((int(d), int(p)) for d, p in data["block_visits"]),
            travel=tuple(float(v) for v in data["travel"]),
            score=float(data["score"]),
            stats=SolveStats(**data["stats"]),
        )

    @property
    def visited(self) -> tuple[int, ...]:
        """Distinct nodes visited (stops other than each day's start and end), sorted."""
        return tuple(sorted({node for route in self.routes for node in route[1:-1]}))

    def __str__(self) -> str:
        lines = [f"Solution(score={self.score:.4g}, days={len(self.routes)})"]
        for day, route in enumerate(self.routes):
            lines.append(
                f"  day {day}: {' -> '.join(map(str, route))} ({self.travel[day]:.1f} min travel)"
            )
        return "\n".join(lines)
