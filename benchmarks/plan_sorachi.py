"""Benchmark: a 5-day plan over the three Sorachi council areas together, default settings.

Target (issue 7): at most 5 s wall time, all assets of the 24 towns as candidates.

    python benchmarks/plan_sorachi.py [--style kyuka] [--start 2027-07-12] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

import areatour
from areatour import PlanRequest
from areatour.problem_builder import build_problem


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--style", default="kyuka")
    parser.add_argument("--start", default="2027-07-12")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    catalog = areatour.load_catalog()
    towns = [
        c
        for a in ("kita-sorachi", "naka-sorachi", "minami-sorachi")
        for c in catalog.area(a).members
    ]
    request = PlanRequest(
        towns=tuple(towns),
        start=args.start,
        days=5,
        style=args.style,
        start_at="01224-gateway-new-chitose-airport",
        end_at="01224-gateway-new-chitose-airport",
    )
    areatour.plan(request, catalog=catalog, time_limit=1)  # warm-up (imports, JIT)
    builds, totals, scores = [], [], []
    for seed in range(args.repeat):
        t0 = time.perf_counter()
        built = build_problem(request, catalog)
        t1 = time.perf_counter()
        itinerary = areatour.plan(request, catalog=catalog, seed=seed)
        t2 = time.perf_counter()
        builds.append(t1 - t0)
        totals.append(t2 - t1)
        scores.append(itinerary.score)
    print(f"towns={len(towns)} nodes={built.problem.n_nodes} days=5 style={args.style}")
    print(f"build problem: median {statistics.median(builds) * 1000:.0f} ms")
    print(
        f"plan (default settings): median {statistics.median(totals):.2f} s, "
        f"max {max(totals):.2f} s (target <= 5 s)"
    )
    print(
        f"score: median {statistics.median(scores):.2f}, visits "
        f"{itinerary.summary()['visits']}, towns {itinerary.summary()['towns']}"
    )


if __name__ == "__main__":
    main()
