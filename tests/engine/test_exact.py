"""The exact reference on hand-checkable instances."""

from __future__ import annotations

import numpy as np
import pytest

from areatour.engine import Problem, evaluate, solve_exact
from areatour.errors import ValidationError


def _line(scores: list[float], limit: float) -> Problem:
    # Nodes on a line at positions 0..n-1; travel = distance; one day, start 0, end 0.
    n = len(scores)
    pos = np.arange(n, dtype=float)
    travel = np.abs(pos[:, None] - pos[None, :])
    return Problem(
        scores=scores,
        service=np.zeros(n),
        travel=travel,
        windows=np.tile([0.0, 100.0], (n, 1)),
        day_windows=[[0.0, limit]],
        start=0,
        end=0,
    )


def test_exact_picks_the_reachable_prefix() -> None:
    problem = _line([0, 1, 1, 5, 9], limit=6.0)
    solution = solve_exact(problem)
    assert solution.score == 7.0
    assert {1, 2, 3} <= set(solution.routes[0][1:-1])


def test_evaluate_reports_violations() -> None:
    problem = _line([0, 1, 1, 5, 9], limit=6.0)
    result = evaluate(problem, [[0, 4, 0]], [])
    assert not result.feasible
    assert any("after the day window" in v for v in result.violations)
    result = evaluate(problem, [[0, 1, 1, 0]], [])
    assert any("visited 2 times" in v for v in result.violations)


def test_exact_refuses_large_problems() -> None:
    problem = _line([1.0] * 12, limit=6.0)
    with pytest.raises(ValidationError, match="n <= 10"):
        solve_exact(problem)
