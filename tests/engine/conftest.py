"""Warm the engine's numba kernels once so time-limit tests measure the search only."""

from __future__ import annotations

import pytest

from areatour.engine import solve
from areatour.engine.generate import random_problem


@pytest.fixture(scope="session", autouse=True)
def _compiled_kernels() -> None:
    solve(random_problem(0, n_nodes=8, block_minutes=60), time_limit=600, max_iterations=2)
