"""Scale benchmark of the areatour engine.

A random 5-day problem with 600 nodes, 20 lodging candidates and a 6-hour work block every
day, solved with the product objective (:class:`WorkationObjective`). Prints the score
after 5 s and after 60 s, the gap between them, and peak memory.

Usage::

    python benchmarks/engine_scale.py [--short 5] [--long 60] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import tracemalloc
from collections.abc import Sequence

from areatour.engine import WorkationObjective, check_solution, solve, warm_up
from areatour.engine.generate import random_problem


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", type=float, default=5.0)
    parser.add_argument("--long", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    warm = warm_up()
    began = time.perf_counter()
    problem = random_problem(
        args.seed,
        n_nodes=600,
        n_days=5,
        n_lodging=20,
        block_minutes=360,
        n_workspaces=8,
        day_minutes=720,
        n_categories=8,
        n_towns=6,
        closed_share=0.15,
    )
    build = time.perf_counter() - began
    objective = WorkationObjective(decay=0.5, town_bonus=5.0, travel_weight=0.01)
    figures: dict[str, object] = {"warm_up_s": round(warm, 2), "build_problem_s": round(build, 2)}
    tracemalloc.start()
    for label, limit in (("short", args.short), ("long", args.long)):
        solution = solve(problem, objective=objective, time_limit=limit, seed=args.seed)
        result = check_solution(problem, solution, objective)
        if not result.feasible:
            raise AssertionError(result.violations)
        figures[f"{label}_limit_s"] = limit
        figures[f"{label}_score"] = round(solution.score, 3)
        figures[f"{label}_seconds"] = round(solution.stats.seconds, 2)
        figures[f"{label}_iterations"] = solution.stats.iterations
        figures[f"{label}_visits"] = len(solution.visited)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    short, long = float(figures["short_score"]), float(figures["long_score"])  # type: ignore[arg-type]
    figures["short_vs_long_gap_pct"] = round(100.0 * (long - short) / abs(long), 3)
    figures["peak_traced_mb"] = round(peak / 2**20, 1)
    figures["max_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
