"""Solver against the exact reference and on invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from areatour.engine import (
    Block,
    Problem,
    Progress,
    WorkationObjective,
    check_solution,
    solve,
    solve_exact,
)
from areatour.engine.generate import random_problem


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("days", [1, 2])
def test_matches_exact_optimum_on_tiny_problems(seed: int, days: int) -> None:
    problem = random_problem(
        seed,
        n_nodes=8,
        n_days=days,
        n_lodging=2,
        day_minutes=240,
        block_minutes=60 if seed % 2 else 0,
        n_workspaces=1,
    )
    exact = solve_exact(problem)
    found = solve(problem, seed=seed, max_iterations=300, time_limit=60)
    assert check_solution(problem, found).feasible
    assert check_solution(problem, exact).feasible
    assert found.score == pytest.approx(exact.score)


def test_matches_exact_with_workation_objective() -> None:
    problem = random_problem(
        3, n_nodes=8, n_days=2, n_lodging=2, day_minutes=300, n_categories=2, n_towns=3
    )
    objective = WorkationObjective(decay=0.5, town_bonus=2.0)
    exact = solve_exact(problem, objective=objective)
    found = solve(problem, objective=objective, max_iterations=400, time_limit=60)
    assert found.score == pytest.approx(exact.score, abs=1e-6)
    assert check_solution(problem, found, objective).feasible


def test_close_to_exact_with_travel_weight() -> None:
    problem = random_problem(
        3, n_nodes=8, n_days=2, n_lodging=2, day_minutes=300, n_categories=2, n_towns=3
    )
    objective = WorkationObjective(decay=0.5, town_bonus=2.0, travel_weight=0.01)
    exact = solve_exact(problem, objective=objective)
    found = solve(problem, objective=objective, max_iterations=400, time_limit=60)
    assert check_solution(problem, found, objective).feasible
    assert exact.score * 0.97 <= found.score <= exact.score + 1e-9


problems = st.builds(
    random_problem,
    seed=st.integers(0, 100_000),
    n_nodes=st.integers(12, 30),
    n_days=st.integers(1, 3),
    n_lodging=st.integers(1, 3),
    block_minutes=st.sampled_from([0.0, 60.0, 240.0]),
    day_minutes=st.sampled_from([300.0, 600.0]),
    travel_limit=st.sampled_from([None, 150.0]),
    service_within_window=st.booleans(),
)


@settings(max_examples=25, deadline=None)
@given(problem=problems, seed=st.integers(0, 3))
def test_solution_invariants(problem: Problem, seed: int) -> None:
    solution = solve(problem, seed=seed, max_iterations=40, time_limit=60)
    result = check_solution(problem, solution)
    assert result.feasible, result.violations
    for day, route in enumerate(solution.routes):
        begin, end = problem.day_windows[day]
        assert solution.departure[day][0] >= begin
        assert solution.arrival[day][-1] <= end + 1e-6
        assert solution.travel[day] <= problem.travel_limits[day] + 1e-6
        for position, node in enumerate(route[1:-1], start=1):
            opening, closing = problem.windows[day, node]
            assert opening <= solution.start[day][position] <= closing
    # lodging chaining
    for night, node in enumerate(solution.lodging):
        assert solution.routes[night][-1] == node == solution.routes[night + 1][0]
    assert solution.routes[0][0] == problem.start and solution.routes[-1][-1] == problem.end
    # blocks met, stays long enough
    for block, (day, position) in zip(problem.blocks, solution.block_visits, strict=False):
        assert day == block.day and solution.routes[day][position] in block.nodes
        stay = solution.departure[day][position] - solution.start[day][position]
        assert stay >= block.minutes - 1e-9
    # nothing visited twice except as a block visit
    block_stops = set(solution.block_visits)
    regular = [
        node
        for day, route in enumerate(solution.routes)
        for position, node in enumerate(route[1:-1], start=1)
        if (day, position) not in block_stops
    ]
    assert len(regular) == len(set(regular))


@settings(max_examples=10, deadline=None)
@given(problem=problems, seed=st.integers(0, 1000))
def test_same_seed_and_iterations_give_same_solution(problem: Problem, seed: int) -> None:
    first = solve(problem, seed=seed, max_iterations=30, time_limit=60)
    second = solve(problem, seed=seed, max_iterations=30, time_limit=60)
    assert first.routes == second.routes and first.lodging == second.lodging
    assert first.score == second.score


def test_time_limit_is_respected_and_progress_reported() -> None:
    problem = random_problem(5, n_nodes=120, n_days=3, n_lodging=4, block_minutes=120)
    reports: list[Progress] = []
    solution = solve(problem, time_limit=1.0, progress=reports.append)
    assert solution.stats.seconds <= 1.0 * 1.1 + 0.5
    assert reports and reports[-1].best >= reports[0].best
    assert all(isinstance(r, Progress) for r in reports)
    assert solution.stats.best_seconds <= solution.stats.seconds
    assert check_solution(problem, solution).feasible


def test_block_is_served_by_a_node_open_long_enough() -> None:
    problem = random_problem(7, n_nodes=15, n_days=2, block_minutes=360, n_workspaces=3)
    windows = np.array(problem.windows)
    windows[1, 5] = (480.0, 700.0)  # too short for 6 h on day 1
    problem = Problem(**{**problem.__dict__, "windows": windows})
    solution = solve(problem, max_iterations=50)
    day, position = solution.block_visits[1]
    assert solution.routes[day][position] != 5
    assert check_solution(problem, solution).feasible


def test_must_visit_and_forbidden_are_honoured() -> None:
    problem = random_problem(11, n_nodes=25, n_days=2)
    low = int(np.argsort(problem.scores)[5])
    high = int(np.argmax(problem.scores))
    problem = Problem(**{**problem.__dict__, "must_visit": [low], "forbidden": [high]})
    solution = solve(problem, max_iterations=60)
    assert low in solution.visited and high not in solution.visited


def test_max_lodging_changes_zero_keeps_one_lodging() -> None:
    problem = random_problem(4, n_nodes=20, n_days=3, n_lodging=3)
    problem = Problem(**{**problem.__dict__, "max_lodging_changes": 0})
    solution = solve(problem, max_iterations=60)
    assert len(set(solution.lodging)) == 1
    assert check_solution(problem, solution).feasible


def test_revisiting_a_workspace_on_every_day() -> None:
    problem = random_problem(9, n_nodes=15, n_days=3, block_minutes=360, n_workspaces=1)
    solution = solve(problem, max_iterations=50)
    workspace = int(problem.blocks[0].nodes[0])
    assert all(workspace in route for route in solution.routes)
    assert check_solution(problem, solution).feasible


def test_two_blocks_on_one_day() -> None:
    problem = random_problem(12, n_nodes=15, n_days=1, block_minutes=0, day_minutes=720)
    blocks = (Block(0, np.array([5, 6]), 120, "morning"), Block(0, np.array([5, 6]), 120, "pm"))
    windows = np.array(problem.windows)
    windows[0, [5, 6]] = (480.0, 1200.0)
    problem = Problem(**{**problem.__dict__, "blocks": blocks, "windows": windows})
    solution = solve(problem, max_iterations=50)
    assert len(set(solution.block_visits)) == 2
    assert check_solution(problem, solution).feasible


def test_solution_round_trips_through_dict() -> None:
    import json

    from areatour.engine import Solution

    problem = random_problem(2, n_nodes=15, n_days=2, block_minutes=120)
    solution = solve(problem, max_iterations=20)
    again = Solution.from_dict(json.loads(json.dumps(solution.to_dict())))
    assert again == solution
    assert "day 0" in str(solution)


def test_long_block_is_not_crowded_out_by_a_short_one() -> None:
    # Serving the 90-min session at the cheap node 2 first would leave no room for the
    # 6-h work block at node 1; the session must go to node 3, just before work.
    xy = np.array([[0.0, 0.0], [45.0, 0.0], [-30.0, 0.0], [40.0, 5.0]])
    travel = np.sqrt(((xy[:, None] - xy[None]) ** 2).sum(-1))
    windows = np.array([[0.0, 2000.0], [540.0, 1080.0], [540.0, 1020.0], [540.0, 1020.0]])
    problem = Problem(
        scores=np.zeros(4),
        service=np.zeros(4),
        travel=travel,
        windows=windows,
        day_windows=[[540.0, 1140.0]],
        start=0,
        end=0,
        blocks=(Block(0, np.array([1]), 360.0, "work"), Block(0, np.array([2, 3]), 90.0, "s")),
    )
    solution = solve(problem, max_iterations=10)
    assert solution.routes == ((0, 3, 1, 0),)
    assert check_solution(problem, solution).feasible
