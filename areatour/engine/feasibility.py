"""Quick necessary conditions checked before the search, with messages naming the cause."""

from __future__ import annotations

import numpy as np

from areatour.engine.evaluate import latest_start, stop_duration
from areatour.engine.problem import Problem
from areatour.errors import InfeasibleError

__all__ = ["check_feasible"]


def _day_starts(problem: Problem, day: int) -> list[int]:
    if day == 0:
        return [problem.start]
    return [int(v) for v in problem.night_candidates(day - 1)]


def _day_ends(problem: Problem, day: int) -> list[int]:
    if day == problem.n_days - 1:
        return [problem.end]
    return [int(v) for v in problem.night_candidates(day)]


def _fits(problem: Problem, day: int, node: int, block: int) -> bool:
    """Whether a stop at ``node`` fits some start -> node -> end trip of ``day``."""
    begin, finish = problem.day_windows[day]
    latest = latest_start(problem, day, node, block)
    opening = problem.windows[day, node, 0]
    travel = problem.travel[day]
    limit = problem.travel_limits[day]
    duration = stop_duration(problem, node, block)
    for first in _day_starts(problem, day):
        service = max(begin + travel[first, node], opening)
        if service > latest + 1e-9:
            continue
        for last in _day_ends(problem, day):
            if (
                service + duration + travel[node, last] <= finish + 1e-9
                and travel[first, node] + travel[node, last] <= limit + 1e-9
            ):
                return True
    return False


def check_feasible(problem: Problem) -> None:
    """Raise :class:`~areatour.errors.InfeasibleError` on an obviously impossible problem.

    Checks lodging availability and reachability day by day, every block on its own and
    every must-visit node on its own. Passing does not prove the whole problem feasible.
    """
    n_days = problem.n_days
    for night in range(n_days - 1):
        if problem.night_candidates(night).size == 0:
            raise InfeasibleError(f"no lodging is available for night {night}")
    for day in range(n_days):
        begin, finish = problem.day_windows[day]
        travel = problem.travel[day]
        limit = problem.travel_limits[day]
        reachable = any(
            begin + travel[a, b] <= finish + 1e-9 and travel[a, b] <= limit + 1e-9
            for a in _day_starts(problem, day)
            for b in _day_ends(problem, day)
        )
        if not reachable:
            target = "the end node" if day == n_days - 1 else "any lodging"
            raise InfeasibleError(
                f"day {day} cannot reach {target} within its day window and travel limit"
            )
    for index, block in enumerate(problem.blocks):
        day = block.day
        begin, finish = problem.day_windows[day]
        wide = False
        for node in block.nodes:
            opening, closing = problem.windows[day, node]
            if min(closing, finish) - max(opening, begin) >= block.minutes - 1e-9:
                wide = True
                if _fits(problem, day, int(node), index):
                    break
        else:
            if not wide:
                raise InfeasibleError(
                    f"block {block.name!r} on day {day} cannot be met: no node in its set is "
                    f"open for {block.minutes:g} minutes within the day window"
                )
            raise InfeasibleError(
                f"block {block.name!r} on day {day} cannot be met: no node in its set can be "
                "reached and left in time"
            )
    assert problem.must_visit is not None
    for node in problem.must_visit.tolist():
        open_days = [d for d in range(n_days) if problem.is_open(d, node)]
        if not open_days:
            raise InfeasibleError(f"must-visit node {node} is closed on every day")
        if not any(_fits(problem, d, node, -1) for d in open_days):
            raise InfeasibleError(f"must-visit node {node} cannot be fitted into any day")
    if problem.min_towns:
        assert problem.towns is not None
        towns = np.unique(problem.towns[problem.towns >= 0])
        if towns.size < problem.min_towns:
            raise InfeasibleError(
                f"min_towns={problem.min_towns} but only {towns.size} towns exist"
            )
