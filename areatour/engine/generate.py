"""Random problems for tests and benchmarks."""

from __future__ import annotations

import numpy as np

from areatour.engine.problem import Block, Problem

__all__ = ["random_problem"]


def random_problem(
    seed: int,
    *,
    n_nodes: int = 20,
    n_days: int = 2,
    n_lodging: int = 3,
    block_minutes: float = 0.0,
    n_workspaces: int = 2,
    day_minutes: float = 600.0,
    travel_limit: float | None = None,
    closed_share: float = 0.1,
    service_within_window: bool = True,
    n_categories: int = 0,
    n_towns: int = 0,
) -> Problem:
    """A random problem on points in a 100 x 100 square, travel minutes = distance.

    Node 0 is the start and node 1 the end; the next ``n_lodging`` nodes are lodging
    candidates and the next ``n_workspaces`` nodes workspaces used by one block per day
    when ``block_minutes > 0``. These special nodes lie in the central 30 x 30 square.
    Days run from 480 to ``480 + day_minutes``.

    Parameters
    ----------
    seed
        Seed of ``numpy.random.default_rng``.
    """
    rng = np.random.default_rng(seed)
    n = n_nodes
    special = 2 + n_lodging + (n_workspaces if block_minutes > 0 else 0)
    if n < special:
        raise ValueError(f"n_nodes={n} is too small for {special} special nodes")
    xy = rng.random((n, 2)) * 100.0
    xy[:special] = 35.0 + rng.random((special, 2)) * 30.0
    travel = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
    scores = np.round(rng.uniform(1, 10, n))
    scores[: 2 + n_lodging] = 0.0
    service = np.round(rng.uniform(10, 60, n))
    service[: 2 + n_lodging] = 0.0
    begin, end = 480.0, 480.0 + day_minutes
    opening = rng.uniform(begin - 60, begin + day_minutes / 2, (n_days, n))
    closing = opening + rng.uniform(90, day_minutes, (n_days, n))
    windows = np.stack([opening, closing], axis=-1)
    closed = rng.random((n_days, n)) < closed_share
    closed[:, :special] = False
    windows[closed] = (np.inf, -np.inf)
    windows[:, : 2 + n_lodging] = (0.0, 2000.0)
    lodging = np.arange(2, 2 + n_lodging)
    blocks: tuple[Block, ...] = ()
    if block_minutes > 0:
        spaces = np.arange(2 + n_lodging, 2 + n_lodging + n_workspaces)
        windows[:, spaces] = (begin, end)
        blocks = tuple(Block(d, spaces, block_minutes, "work") for d in range(n_days))
    limit = None if travel_limit is None else np.full(n_days, travel_limit)
    return Problem(
        scores=scores,
        service=service,
        travel=travel,
        windows=windows,
        day_windows=np.tile([begin, end], (n_days, 1)),
        start=0,
        end=1,
        day_travel_limit=limit,
        lodging=lodging if n_days > 1 else None,
        blocks=blocks,
        service_within_window=service_within_window,
        categories=rng.integers(0, n_categories, n) if n_categories else None,
        towns=rng.integers(0, n_towns, n) if n_towns else None,
    )
