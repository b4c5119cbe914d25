"""InfeasibleError messages name the constraint."""

from __future__ import annotations

import numpy as np
import pytest

from areatour.engine import Block, Problem, solve
from areatour.engine.generate import random_problem
from areatour.errors import InfeasibleError


def _replace(problem: Problem, **changes: object) -> Problem:
    return Problem(**{**problem.__dict__, **changes})


def test_block_without_long_enough_window() -> None:
    problem = random_problem(1, n_nodes=12, n_days=3)
    problem = _replace(problem, blocks=(Block(2, np.array([7, 8]), 360, "work"),))
    windows = np.array(problem.windows)
    windows[2, [7, 8]] = (600.0, 700.0)
    problem = _replace(problem, windows=windows)
    with pytest.raises(
        InfeasibleError,
        match="block 'work' on day 2 cannot be met: no node in its set is open for 360 minutes",
    ):
        solve(problem, max_iterations=5)


def test_must_visit_closed_every_day() -> None:
    problem = random_problem(2, n_nodes=20, n_days=2)
    windows = np.array(problem.windows)
    windows[:, 17] = np.nan
    problem = _replace(problem, windows=windows, must_visit=[17])
    with pytest.raises(InfeasibleError, match="must-visit node 17 is closed on every day"):
        solve(problem, max_iterations=5)


def test_day_cannot_reach_lodging() -> None:
    problem = random_problem(3, n_nodes=12, n_days=3)
    problem = _replace(problem, day_travel_limit=np.array([0.5, 1000.0, 1000.0]))
    with pytest.raises(InfeasibleError, match="day 0 cannot reach any lodging"):
        solve(problem, max_iterations=5)


def test_no_lodging_available() -> None:
    problem = random_problem(3, n_nodes=12, n_days=3)
    available = np.ones((2, 3), bool)
    available[1] = False
    problem = _replace(problem, lodging_available=available)
    with pytest.raises(InfeasibleError, match="no lodging is available for night 1"):
        solve(problem, max_iterations=5)


def test_too_few_towns() -> None:
    problem = random_problem(3, n_nodes=12, n_days=1, n_towns=2)
    problem = _replace(problem, min_towns=5)
    with pytest.raises(InfeasibleError, match="min_towns=5"):
        solve(problem, max_iterations=5)
