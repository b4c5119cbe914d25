"""The tour re-split moves: joining days and cutting them again across the nights."""

from __future__ import annotations

import itertools
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from areatour.engine import Problem
from areatour.engine.generate import random_problem
from areatour.engine.objective import LinearObjective
from areatour.engine.solver import _Search


def _search(problem: Problem, seed: int = 0) -> _Search:
    return _Search(
        problem, LinearObjective(), np.random.default_rng(seed), time.perf_counter(), 60.0
    )


def _open_problem(n_days: int, seed: int) -> Problem:
    """Customers open all day (so the trip estimate is exact), three lodging candidates."""
    rng = np.random.default_rng(seed)
    n = 14
    xy = rng.random((n, 2)) * 60.0
    travel = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
    service = np.where(np.arange(n) < 5, 0.0, 10.0)
    return Problem(
        scores=np.where(np.arange(n) < 5, 0.0, 1.0),
        service=service,
        travel=travel,
        windows=np.tile([0.0, 1e6], (n, 1)),
        day_windows=np.tile([0.0, 200.0], (n_days, 1)),
        start=0,
        end=1,
        lodging=np.array([2, 3, 4]),
    )


def _spare(problem: Problem, routes: list[list[int]]) -> float:
    total = 0.0
    for d, route in enumerate(routes):
        trip = sum(problem.travel[d, a, b] for a, b in itertools.pairwise(route))
        busy = sum(problem.service[v] for v in route[1:-1])
        span = problem.day_windows[d, 1] - problem.day_windows[d, 0]
        room = span - busy - trip
        if room < -1e-9:
            return -np.inf
        total += room
    return total


def _best_split(problem: Problem, seq: list[int]) -> float:
    """Most spare time over every cut and lodging choice of ``seq`` (brute force)."""
    n_days, best = problem.n_days, -np.inf
    for cuts in itertools.combinations_with_replacement(range(len(seq) + 1), n_days - 1):
        bounds = [0, *cuts, len(seq)]
        for lodging in itertools.product([2, 3, 4], repeat=n_days - 1):
            ends = [problem.start, *lodging, problem.end]
            routes = [
                [ends[d], *seq[bounds[d] : bounds[d + 1]], ends[d + 1]] for d in range(n_days)
            ]
            best = max(best, _spare(problem, routes))
    return best


@pytest.mark.parametrize("n_days", [2, 3])
@pytest.mark.parametrize("seed", range(4))
def test_split_tour_finds_the_split_with_most_spare_time(n_days: int, seed: int) -> None:
    problem = _open_problem(n_days, seed)
    search = _search(problem, seed)
    state = search.initial_pool(1)[0]
    before = [v for route in state.routes() for v in route[1:-1]]
    search._split_tour(state, lodging_moves=True)
    routes = [list(r) for r in state.routes()]
    after = [v for route in routes for v in route[1:-1]]
    # the same stops, in the same or the reversed order, every day feasible
    assert after in (before, before[::-1])
    assert all(state.feasible(d) for d in range(n_days))
    assert [r[-1] for r in routes[:-1]] == state.lodging
    assert _spare(problem, routes) == pytest.approx(_best_split(problem, after))


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    n_days=st.integers(2, 4),
    blocks=st.booleans(),
    lodging_moves=st.booleans(),
)
def test_resplit_moves_keep_the_tour_valid(
    seed: int, n_days: int, blocks: bool, lodging_moves: bool
) -> None:
    problem = random_problem(
        seed, n_nodes=24, n_days=n_days, block_minutes=90 if blocks else 0, day_minutes=360
    )
    search = _search(problem, seed)
    state = search.initial_pool(1)[0]
    before = state.st[11].copy()
    met = state.st[12].copy()
    old_lodging = list(state.lodging)
    for step in range(6):
        if step % 2:
            search._split_tour(state, lodging_moves)
        else:
            search._resplit(state, lodging_moves)
        assert all(state.feasible(d) for d in range(n_days))
        # no node visited twice as a regular stop (a workspace may serve a block each day)
        assert state.st[10].max(initial=0) <= 1
        # the moves only rearrange and drop stops; blocks stay served on their own day
        assert np.all(state.st[11] <= before)
        assert np.all(state.st[12] >= met)
        for night, v in enumerate(state.lodging):
            assert v in problem.night_candidates(night)
            if not lodging_moves:
                assert v == old_lodging[night]


@pytest.mark.parametrize("seed", range(6))
def test_moves_never_leave_a_day_that_cannot_reach_its_lodging(seed: int) -> None:
    # the last day has no time at all: only ending the previous day at the end node works
    base = _open_problem(3, seed)
    problem = Problem(
        scores=base.scores,
        service=base.service,
        travel=base.travel[0],
        windows=base.windows,
        day_windows=np.array([[0.0, 200.0], [0.0, 200.0], [0.0, 0.01]]),
        start=0,
        end=1,
        lodging=np.array([1, 2, 3, 4]),
    )
    search = _search(problem, seed)
    state = search.initial_pool(1)[0]
    assert state.lodging[-1] == 1
    for step in range(20):
        if step % 2:
            search._split_tour(state, lodging_moves=True)
        else:
            search._resplit(state, lodging_moves=True)
        assert all(state.feasible(d) for d in range(3))
        assert state.lodging[-1] == 1


def test_lodging_sequences_are_drawn_among_reachable_ones() -> None:
    # 6 days along a line, 14 lodging candidates per night: 14**5 sequences, of which only
    # the chain 10-20-30-40-50 lets every day travel its 10 minutes.
    from areatour.engine import solve

    chain = [10.0, 20.0, 30.0, 40.0, 50.0]
    xy = [(0.0, 0.0), (60.0, 0.0), *[(x, 0.0) for x in chain]]
    xy += [(100.0 * k, 1000.0) for k in range(9)] + [(35.0, 0.5)]
    xy_arr = np.array(xy)
    n = len(xy_arr)
    travel = np.sqrt(((xy_arr[:, None, :] - xy_arr[None, :, :]) ** 2).sum(-1))
    problem = Problem(
        scores=np.where(np.arange(n) == n - 1, 5.0, 0.0),
        service=np.zeros(n),
        travel=travel,
        windows=np.tile([0.0, 1e6], (n, 1)),
        day_windows=np.tile([0.0, 10.5], (6, 1)),
        start=0,
        end=1,
        lodging=np.arange(2, n - 1),
    )
    assert np.prod([len(problem.night_candidates(d)) for d in range(5)]) > 4096
    solution = solve(problem, seed=0, max_iterations=50, time_limit=60)
    assert list(solution.lodging) == [2, 3, 4, 5, 6]
