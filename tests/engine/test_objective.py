"""Objectives: formulas and marginal gains."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from areatour.engine import LinearObjective, WorkationObjective
from areatour.engine.generate import random_problem


def test_linear_objective_sums_scores_and_lodging() -> None:
    problem = random_problem(1, n_nodes=10)
    nodes = np.array([5, 6, 7])
    value = LinearObjective().value(problem, nodes, 123.0, [2])
    assert value == problem.scores[[5, 6, 7]].sum()


def test_workation_formula_by_hand() -> None:
    problem = random_problem(2, n_nodes=8, n_categories=1, n_towns=2)
    objective = WorkationObjective(weights={0: 2.0}, decay=0.5, town_bonus=3.0, travel_weight=0.1)
    nodes = np.array([5, 6, 7])
    ranked = np.sort(problem.scores[nodes] * 2.0)[::-1]
    expected = ranked[0] + 0.5 * ranked[1] + 0.25 * ranked[2]
    expected += 3.0 * np.unique(problem.towns[nodes]).size - 0.1 * 50.0
    assert np.isclose(objective.value(problem, nodes, 50.0, []), expected)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), decay=st.floats(0.0, 1.0))
def test_workation_gains_are_exact_marginals(seed: int, decay: float) -> None:
    problem = random_problem(seed, n_nodes=12, n_categories=3, n_towns=3)
    objective = WorkationObjective(decay=decay, town_bonus=1.5)
    rng = np.random.default_rng(seed)
    visited = rng.random(12) < 0.4
    gains = objective.gains(problem, visited)
    base = objective.value(problem, np.nonzero(visited)[0], 0.0, [])
    for node in np.nonzero(~visited)[0]:
        more = visited.copy()
        more[node] = True
        value = objective.value(problem, np.nonzero(more)[0], 0.0, [])
        assert np.isclose(gains[node], value - base)
