"""Validation of the frozen Problem."""

from __future__ import annotations

import numpy as np
import pytest

from areatour.engine import Block, Problem
from areatour.engine.generate import random_problem
from areatour.errors import ValidationError


def _kwargs(n: int = 4, days: int = 2) -> dict[str, object]:
    return {
        "scores": np.ones(n),
        "service": np.zeros(n),
        "travel": np.ones((n, n)) - np.eye(n),
        "windows": np.tile([0.0, 100.0], (n, 1)),
        "day_windows": np.tile([0.0, 100.0], (days, 1)),
        "start": 0,
        "end": 1,
        "lodging": [0, 1],
    }


def test_broadcast_travel_is_not_copied() -> None:
    kwargs = _kwargs()
    travel = np.asarray(kwargs["travel"])
    problem = Problem(**kwargs)  # type: ignore[arg-type]
    assert problem.travel.shape == (2, 4, 4)
    assert np.shares_memory(problem.travel, travel)
    assert not problem.travel.flags.writeable


def test_closed_windows_are_normalised() -> None:
    kwargs = _kwargs()
    windows = np.tile([0.0, 100.0], (2, 4, 1))
    windows[0, 2] = np.nan
    windows[1, 3] = (50.0, 10.0)
    kwargs["windows"] = windows
    problem = Problem(**kwargs)  # type: ignore[arg-type]
    assert not problem.is_open(0, 2) and not problem.is_open(1, 3)
    assert problem.is_open(1, 2)


@pytest.mark.parametrize(
    ("field", "value", "match"),
    [
        ("service", [0.0, -1.0, 0.0, 0.0], "service holds a negative value -1"),
        ("service", [0.0, 0.0], "service must have length 4"),
        ("travel", np.ones((3, 3)), "travel must have shape"),
        ("start", 7, "start must be a node index in 0..3, got 7"),
        ("day_windows", [[0.0, 10.0], [20.0, 5.0]], r"day_windows\[1\]"),
        ("lodging", [], "lodging is empty"),
        ("lodging", [0, 9], "lodging holds node index 9"),
        ("max_town_share", 0.0, "max_town_share must be in"),
        ("must_visit", [5], "must_visit holds node index 5"),
        ("blocks", (Block(3, np.array([2]), 60.0, "work"),), "block 'work' has day 3"),
        ("day_travel_limit", [1.0, -1.0], "day_travel_limit holds a negative value"),
    ],
)
def test_validation_errors_name_field_and_value(field: str, value: object, match: str) -> None:
    kwargs = _kwargs()
    kwargs[field] = value
    with pytest.raises(ValidationError, match=match):
        Problem(**kwargs)  # type: ignore[arg-type]


def test_travel_negative_entry_is_reported() -> None:
    kwargs = _kwargs()
    travel = np.ones((4, 4))
    travel[1, 2] = -3.0
    kwargs["travel"] = travel
    with pytest.raises(ValidationError, match=r"travel\[0, 1, 2\] = -3.0"):
        Problem(**kwargs)  # type: ignore[arg-type]


def test_must_visit_and_forbidden_overlap() -> None:
    kwargs = _kwargs()
    kwargs["must_visit"] = [2]
    kwargs["forbidden"] = [2]
    with pytest.raises(ValidationError, match="node 2 is in both"):
        Problem(**kwargs)  # type: ignore[arg-type]


def test_block_requires_nodes() -> None:
    with pytest.raises(ValidationError, match="empty"):
        Block(0, np.array([], dtype=int), 60.0, "work")


def test_problem_is_frozen_and_arrays_read_only() -> None:
    problem = random_problem(0)
    with pytest.raises(AttributeError):
        problem.start = 3  # type: ignore[misc]
    with pytest.raises(ValueError):
        problem.scores[0] = 1.0
