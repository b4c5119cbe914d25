"""Exhaustive reference solver for tiny problems (about n <= 8, D <= 2), used by tests."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator

import numpy as np

from areatour.engine.evaluate import evaluate, latest_start, stop_duration
from areatour.engine.objective import LinearObjective, Objective
from areatour.engine.problem import Problem
from areatour.engine.solution import Solution, SolveStats
from areatour.errors import InfeasibleError, ValidationError

__all__ = ["solve_exact"]

Stop = tuple[int, int]  # (node, block index or -1)
# key: (regular nodes, block stops) -> (travel, stops)
Options = dict[tuple[frozenset[int], frozenset[Stop]], tuple[float, tuple[Stop, ...]]]


def _day_options(problem: Problem, day: int, first: int, last: int) -> Options:
    """Cheapest feasible sequence for every (regular node set, block stop set) of a day."""
    assert problem.forbidden is not None
    forbidden = set(problem.forbidden.tolist())
    stops: list[Stop] = [
        (v, -1) for v in range(problem.n_nodes) if v not in forbidden and problem.is_open(day, v)
    ]
    stops += [
        (int(v), b)
        for b, block in enumerate(problem.blocks)
        if block.day == day
        for v in block.nodes
        if int(v) not in forbidden and problem.is_open(day, int(v))
    ]
    begin, finish = problem.day_windows[day]
    travel = problem.travel[day]
    limit = problem.travel_limits[day]
    options: Options = {}

    def extend(seq: list[Stop], at: int, time_: float, dist: float) -> None:
        back = dist + travel[at, last]
        if time_ + travel[at, last] <= finish + 1e-9 and back <= limit + 1e-9:
            regular = frozenset(v for v, b in seq if b < 0)
            blocks = frozenset((v, b) for v, b in seq if b >= 0)
            key = (regular, blocks)
            if key not in options or back < options[key][0] - 1e-12:
                options[key] = (back, tuple(seq))
        used_blocks = {b for _, b in seq if b >= 0}
        used_nodes = {v for v, b in seq if b < 0}
        for node, block in stops:
            if (block >= 0 and block in used_blocks) or (block < 0 and node in used_nodes):
                continue
            arrive = time_ + travel[at, node]
            start = max(arrive, problem.windows[day, node, 0])
            if start > latest_start(problem, day, node, block) + 1e-9:
                continue
            if dist + travel[at, node] > limit + 1e-9:
                continue
            seq.append((node, block))
            extend(seq, node, start + stop_duration(problem, node, block), dist + travel[at, node])
            seq.pop()

    extend([], first, float(begin), 0.0)
    return options


def _lodging_sequences(problem: Problem) -> Iterator[tuple[int, ...]]:
    nights = [[int(v) for v in problem.night_candidates(d)] for d in range(problem.n_days - 1)]
    for sequence in itertools.product(*nights):
        changes = sum(a != b for a, b in itertools.pairwise(sequence))
        if problem.max_lodging_changes is None or changes <= problem.max_lodging_changes:
            yield sequence


def solve_exact(problem: Problem, *, objective: Objective | None = None) -> Solution:
    """Optimal tour by enumeration of every feasible day route and lodging sequence.

    Per day and pair of endpoints only the shortest sequence of each set of stops is kept,
    which is exact for objectives that never reward travel.

    Raises
    ------
    ValidationError
        If the problem is too large (more than 10 nodes or 3 days).
    InfeasibleError
        If no feasible tour exists.
    """
    if problem.n_nodes > 10 or problem.n_days > 3:
        raise ValidationError(
            f"solve_exact handles n <= 10 and D <= 3, got n={problem.n_nodes}, D={problem.n_days}"
        )
    began = time.perf_counter()
    objective = objective or LinearObjective()
    n_days = problem.n_days
    cache: dict[tuple[int, int, int], Options] = {}
    best: tuple[float, list[list[int]], tuple[int, ...], list[tuple[int, int]]] | None = None
    count = 0
    for sequence in _lodging_sequences(problem):
        ends = [problem.start, *sequence, problem.end]
        per_day = []
        for day in range(n_days):
            key = (day, ends[day], ends[day + 1])
            if key not in cache:
                cache[key] = _day_options(problem, day, *key[1:])
            per_day.append(list(cache[key].items()))
        for combo in itertools.product(*per_day):
            count += 1
            regular: list[int] = []
            for (nodes, _), _ in combo:
                regular.extend(nodes)
            if len(regular) != len(set(regular)):
                continue
            served = [b for (_, blocks), _ in combo for _, b in blocks]
            if len(served) != len(problem.blocks):
                continue
            routes = [
                [ends[d], *(v for v, _ in combo[d][1][1]), ends[d + 1]] for d in range(n_days)
            ]
            visits = [
                (d, p + 1)
                for d in range(n_days)
                for p, (_, b) in enumerate(combo[d][1][1])
                if b >= 0
            ]
            block_of = [b for d in range(n_days) for _, b in combo[d][1][1] if b >= 0]
            block_visits = [visits[block_of.index(b)] for b in range(len(problem.blocks))]
            nodes_all = np.array(sorted({v for r in routes for v in r[1:-1]}), dtype=np.int64)
            travel = sum(option[0] for _, option in combo)
            value = objective.value(problem, nodes_all, travel, sequence)
            if best is not None and value <= best[0] + 1e-9:
                continue
            result = evaluate(problem, routes, sequence, objective, block_visits)
            if result.feasible:
                best = (result.score, routes, sequence, block_visits)
    if best is None:
        raise InfeasibleError("no feasible tour exists")
    _, routes, sequence, block_visits = best
    result = evaluate(problem, routes, sequence, objective, block_visits)
    seconds = time.perf_counter() - began
    return result.solution(routes, sequence, SolveStats(count, seconds, seconds, 0))
