"""Independent recomputation of a tour's schedule, feasibility and value.

Nothing here is shared with the search; tests and the benchmark runner use it to check
solutions.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from areatour.engine.objective import LinearObjective, Objective
from areatour.engine.problem import Problem
from areatour.engine.solution import Solution, SolveStats

__all__ = ["Evaluation", "check_solution", "evaluate", "latest_start", "stop_duration"]

EPS = 1e-6


@dataclass(frozen=True)
class Evaluation:
    """Result of :func:`evaluate`: schedule, value and every violated constraint."""

    feasible: bool
    violations: tuple[str, ...]
    score: float
    travel: tuple[float, ...]
    arrival: tuple[tuple[float, ...], ...]
    start: tuple[tuple[float, ...], ...]
    departure: tuple[tuple[float, ...], ...]
    block_visits: tuple[tuple[int, int], ...]

    def solution(
        self, routes: Sequence[Sequence[int]], lodging: Sequence[int], stats: SolveStats
    ) -> Solution:
        """The :class:`Solution` of the evaluated ``routes`` and ``lodging``."""
        return Solution(
            routes=tuple(tuple(int(v) for v in r) for r in routes),
            lodging=tuple(lodging),
            arrival=self.arrival,
            start=self.start,
            departure=self.departure,
            block_visits=self.block_visits,
            travel=self.travel,
            score=self.score,
            stats=stats,
        )


def stop_duration(problem: Problem, node: int, block: int) -> float:
    """Minutes spent at ``node``: its service, or at least the block's minutes."""
    duration = float(problem.service[node])
    if block >= 0:
        duration = max(duration, problem.blocks[block].minutes)
    return duration


def latest_start(problem: Problem, day: int, node: int, block: int) -> float:
    """Latest start of service at ``node`` on ``day`` (``-inf`` when closed)."""
    opening, closing = problem.windows[day, node]
    if opening > closing:
        return -np.inf
    if block >= 0 or problem.service_within_window:
        return float(closing - stop_duration(problem, node, block))
    return float(closing)


def _assign_blocks(
    problem: Problem, routes: Sequence[Sequence[int]]
) -> tuple[tuple[int, int], ...]:
    used: set[tuple[int, int]] = set()
    visits = []
    for block in problem.blocks:
        route = routes[block.day] if block.day < len(routes) else ()
        choice = (-1, -1)
        for position in range(1, len(route) - 1):
            if (block.day, position) not in used and route[position] in block.nodes:
                choice = (block.day, position)
                break
        used.add(choice)
        visits.append(choice)
    return tuple(visits)


def evaluate(
    problem: Problem,
    routes: Sequence[Sequence[int]],
    lodging: Sequence[int],
    objective: Objective | None = None,
    block_visits: Sequence[tuple[int, int]] | None = None,
) -> Evaluation:
    """Recompute schedule, feasibility and value of a tour from scratch.

    Parameters
    ----------
    problem
        The problem.
    routes
        Per day the node sequence including the day's start and end node.
    lodging
        Lodging node per night.
    objective
        Defaults to :class:`LinearObjective`.
    block_visits
        ``(day, position)`` serving each block; inferred (first matching stop) if omitted.

    Returns
    -------
    Evaluation
        Every service starts as early as possible (waiting when early).
    """
    objective = objective or LinearObjective()
    routes = [tuple(int(v) for v in route) for route in routes]
    lodging = [int(v) for v in lodging]
    problems: list[str] = []
    n_days = problem.n_days
    if len(routes) != n_days:
        problems.append(f"{len(routes)} routes for {n_days} days")
    if len(lodging) != n_days - 1:
        problems.append(f"{len(lodging)} lodging nights for {n_days} days")
    if block_visits is None:
        block_visits = _assign_blocks(problem, routes)
    block_visits = tuple((int(d), int(p)) for d, p in block_visits)
    block_at = _check_blocks(problem, routes, block_visits, problems)
    _check_lodging(problem, lodging, problems)
    arrivals, starts, departures, travels = [], [], [], []
    regular: dict[int, int] = {}
    visited: set[int] = set()
    for day, route in enumerate(routes[:n_days]):
        first = problem.start if day == 0 else lodging[day - 1] if day - 1 < len(lodging) else -1
        last = problem.end if day == n_days - 1 else lodging[day] if day < len(lodging) else -1
        if len(route) < 2 or route[0] != first or route[-1] != last:
            problems.append(f"day {day} must run from node {first} to node {last}, got {route}")
        for position, node in enumerate(route[1:-1], start=1):
            visited.add(node)
            if (day, position) not in block_at:
                regular[node] = regular.get(node, 0) + 1
        times = _schedule(problem, day, route, block_at, problems)
        arrivals.append(times[0])
        starts.append(times[1])
        departures.append(times[2])
        travels.append(times[3])
    for node, count in regular.items():
        if count > 1:
            problems.append(f"node {node} is visited {count} times outside blocks")
    _check_sets(problem, visited, problems)
    nodes = np.array(sorted(visited), dtype=np.int64)
    score = objective.value(problem, nodes, float(sum(travels)), lodging)
    return Evaluation(
        feasible=not problems,
        violations=tuple(problems),
        score=score,
        travel=tuple(travels),
        arrival=tuple(arrivals),
        start=tuple(starts),
        departure=tuple(departures),
        block_visits=block_visits,
    )


def check_solution(
    problem: Problem, solution: Solution, objective: Objective | None = None
) -> Evaluation:
    """Evaluate ``solution`` independently; a score mismatch is reported as a violation."""
    result = evaluate(problem, solution.routes, solution.lodging, objective, solution.block_visits)
    if abs(result.score - solution.score) > 1e-6 * max(1.0, abs(result.score)):
        extra = (f"reported score {solution.score} differs from recomputed {result.score}",)
        return Evaluation(
            False,
            result.violations + extra,
            result.score,
            result.travel,
            result.arrival,
            result.start,
            result.departure,
            result.block_visits,
        )
    return result


def _check_blocks(
    problem: Problem,
    routes: Sequence[Sequence[int]],
    block_visits: tuple[tuple[int, int], ...],
    problems: list[str],
) -> dict[tuple[int, int], int]:
    block_at: dict[tuple[int, int], int] = {}
    if len(block_visits) != len(problem.blocks):
        problems.append(f"{len(block_visits)} block visits for {len(problem.blocks)} blocks")
    pairs = zip(problem.blocks, block_visits, strict=False)
    for index, (block, (day, position)) in enumerate(pairs):
        route = routes[day] if 0 <= day < len(routes) else ()
        if day != block.day or not 0 < position < len(route) - 1:
            problems.append(f"block {block.name!r} on day {block.day} is not met")
        elif route[position] not in block.nodes:
            problems.append(
                f"block {block.name!r} is served by node {route[position]} outside its node set"
            )
        elif (day, position) in block_at:
            problems.append(f"stop {position} on day {day} serves two blocks")
        else:
            block_at[(day, position)] = index
    return block_at


def _check_lodging(problem: Problem, lodging: Sequence[int], problems: list[str]) -> None:
    assert problem.lodging is not None and problem.lodging_available is not None
    candidates = [int(v) for v in problem.lodging]
    for night, node in enumerate(lodging[: problem.n_days - 1]):
        if node not in candidates:
            problems.append(f"night {night} lodging {node} is not a lodging candidate")
        elif not problem.lodging_available[night, candidates.index(node)]:
            problems.append(f"lodging {node} is not available on night {night}")
    changes = sum(a != b for a, b in itertools.pairwise(lodging))
    if problem.max_lodging_changes is not None and changes > problem.max_lodging_changes:
        problems.append(
            f"{changes} lodging changes exceed max_lodging_changes={problem.max_lodging_changes}"
        )


def _schedule(
    problem: Problem,
    day: int,
    route: Sequence[int],
    block_at: dict[tuple[int, int], int],
    problems: list[str],
) -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...], float]:
    begin, finish = problem.day_windows[day]
    travel = problem.travel[day]
    assert problem.forbidden is not None
    forbidden = set(problem.forbidden.tolist())
    arrival, start, departure = [float(begin)], [float(begin)], [float(begin)]
    total = 0.0
    for position in range(1, len(route)):
        node, previous = route[position], route[position - 1]
        leg = float(travel[previous, node])
        total += leg
        arrive = departure[-1] + leg
        if position == len(route) - 1:
            arrival.append(arrive)
            start.append(arrive)
            departure.append(arrive)
            if arrive > finish + EPS:
                problems.append(f"day {day} ends at {arrive:.2f} after the day window {finish}")
            break
        block = block_at.get((day, position), -1)
        if node in forbidden:
            problems.append(f"node {node} is forbidden")
        opening = float(problem.windows[day, node, 0])
        begin_service = max(arrive, opening)
        latest = latest_start(problem, day, node, block)
        if begin_service > latest + EPS:
            problems.append(
                f"node {node} on day {day} starts at {begin_service:.2f}, "
                f"after its latest start {latest:.2f}"
            )
        arrival.append(arrive)
        start.append(begin_service)
        departure.append(begin_service + stop_duration(problem, node, block))
    if total > problem.travel_limits[day] + EPS:
        problems.append(
            f"day {day} travels {total:.4f} min, over the limit {problem.travel_limits[day]}"
        )
    return tuple(arrival), tuple(start), tuple(departure), total


def _check_sets(problem: Problem, visited: set[int], problems: list[str]) -> None:
    assert problem.must_visit is not None and problem.towns is not None
    for node in problem.must_visit.tolist():
        if node not in visited:
            problems.append(f"must-visit node {node} is not visited")
    towns = [int(problem.towns[v]) for v in visited if problem.towns[v] >= 0]
    if len(set(towns)) < problem.min_towns:
        problems.append(
            f"{len(set(towns))} distinct towns, fewer than min_towns={problem.min_towns}"
        )
    if towns and problem.max_town_share < 1.0:
        top = max(towns.count(t) for t in set(towns))
        if top > problem.max_town_share * len(towns) + 1e-9:
            problems.append(
                f"{top} of {len(towns)} visits in one town exceed "
                f"max_town_share={problem.max_town_share}"
            )
