"""Benchmark: travel matrix among all 179 seats plus 2,000 random points in Hokkaido.

Target: under 2 s for the 2,179 × 2,179 matrix (4.7 million pairs). Prints the
time of a cold call (summer), a winter call (知床峠 closure active) and a cached
repeat, for StraightLineModel.

Run from the repository root::

    PYTHONPATH=. /work/venv/bin/python benchmarks/travel_matrix.py
"""

from __future__ import annotations

import datetime as dt
import sys
import time

import numpy as np

from areatour.catalog import load_catalog
from areatour.travel import StraightLineModel, haversine_matrix_km


def random_points(seats: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    """``n`` uniform points in Hokkaido's bounding box that lie within 30 km of a seat."""
    rng = np.random.default_rng(seed)
    out: list[np.ndarray] = []
    while sum(len(o) for o in out) < n:
        cand = np.column_stack((rng.uniform(41.4, 45.5, 4 * n), rng.uniform(139.8, 145.8, 4 * n)))
        near = haversine_matrix_km(cand, seats).min(axis=1) <= 30.0
        out.append(cand[near])
    return np.concatenate(out)[:n]


def timed(label: str, fn) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = fn()
    print(f"{label:<44} {time.perf_counter() - t0:7.3f} s")
    return result


def main() -> int:
    catalog = load_catalog()
    seats = np.array([m.point for m in catalog.municipalities.values()])
    points = np.vstack([seats, random_points(seats, 2000)])
    print(f"points: {len(points)} ({len(seats)} seats + 2000 random), pairs: {len(points) ** 2:,}")
    model = StraightLineModel()
    summer, winter = dt.date(2026, 8, 1), dt.date(2027, 2, 1)
    t0 = time.perf_counter()
    minutes, km = timed("summer, cold", lambda: model.matrix(points, summer))
    timed("winter, cold (closures active)", lambda: model.matrix(points, winter))
    timed("summer again (cache hit)", lambda: model.matrix(points, dt.date(2026, 7, 1)))
    total = time.perf_counter() - t0
    finite = np.isfinite(minutes)
    print(
        f"median trip {np.median(minutes[finite]):.0f} min / {np.median(km[finite]):.0f} km; "
        f"longest {minutes[finite].max():.0f} min"
    )
    ok = total <= 2.0
    print(f"total {total:.3f} s -> {'OK' if ok else 'SLOW'} (target 2 s)")
    road_graph_section(points)
    return 0 if ok else 1


def road_graph_section(points: np.ndarray, side: int = 150, n_points: int = 500) -> None:
    """Informational: RoadGraphModel on a synthetic grid road graph (no target)."""
    import networkx as nx

    from areatour.travel import RoadGraphModel

    lat = np.linspace(41.4, 45.5, side)
    lon = np.linspace(139.8, 145.8, side)
    g = nx.grid_2d_graph(side, side)
    for i, j in g.nodes:
        g.nodes[i, j]["x"], g.nodes[i, j]["y"] = float(lon[j]), float(lat[i])
    for u, v in g.edges:
        a, b = g.nodes[u], g.nodes[v]
        metres = (
            float(
                haversine_matrix_km(np.array([[a["y"], a["x"]]]), np.array([[b["y"], b["x"]]]))[
                    0, 0
                ]
            )
            * 1000
        )
        g.edges[u, v]["length"] = metres
        g.edges[u, v]["travel_time"] = metres / (60 / 3.6)  # 60 km/h
    t0 = time.perf_counter()
    model = RoadGraphModel(g)
    build = time.perf_counter() - t0
    pts = points[:n_points]
    t0 = time.perf_counter()
    model.matrix(pts, dt.date(2026, 8, 1))
    run = time.perf_counter() - t0
    print(
        f"\nRoadGraphModel, {side}x{side} grid ({g.number_of_nodes():,} nodes, "
        f"{g.number_of_edges():,} edges): build {build:.2f} s, {n_points} points {run:.2f} s"
    )


if __name__ == "__main__":
    sys.exit(main())
