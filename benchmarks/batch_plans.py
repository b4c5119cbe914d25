"""Benchmark: plan every council area × 5 styles × 2 seasons (40 plans) with 1 and N workers.

Target (issue 10): report the wall time with 2 workers and the speed-up against 1.

    python benchmarks/batch_plans.py [--workers 2] [--time-limit 2] [--dask]
"""

from __future__ import annotations

import argparse
import time
from concurrent.futures import Executor, ProcessPoolExecutor

from areatour import PlanRequest, load_catalog
from areatour.batch import plan_many

AREAS = ("kita-sorachi", "naka-sorachi", "minami-sorachi", "nemuro")
STYLES = ("kyuka", "bleisure", "satellite", "gasshuku", "kadai")
SEASONS = {"summer": "2027-07-12", "winter": "2027-02-08"}


def requests() -> list[PlanRequest]:
    catalog = load_catalog()
    out = []
    for area in AREAS:
        # where the catalog lists no lodging, stay near the main gateway (see data/README.md)
        base = (
            None if catalog.area_assets(area, category="lodging") else catalog.gateways(area)[0].id
        )
        for style in STYLES:
            for start in SEASONS.values():
                out.append(PlanRequest(area=area, start=start, days=3, style=style, base_at=base))
    return out


def run(executor: Executor | None, reqs: list[PlanRequest], time_limit: float) -> float:
    t0 = time.perf_counter()
    results = plan_many(reqs, executor=executor, time_limit=time_limit)
    seconds = time.perf_counter() - t0
    ok = sum(r.ok for r in results)
    print(f"  {ok} planned, {len(results) - ok} infeasible (reported per request)")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=2.0)
    parser.add_argument("--dask", action="store_true", help="use a Dask LocalCluster")
    args = parser.parse_args()
    reqs = requests()
    print(f"{len(reqs)} requests, time limit {args.time_limit:g} s each")
    print("1 worker (in-process):")
    serial = run(None, reqs, args.time_limit)
    print(f"  wall {serial:.1f} s")
    print(f"{args.workers} workers ({'Dask LocalCluster' if args.dask else 'processes'}):")
    if args.dask:
        from distributed import Client, LocalCluster

        with (
            LocalCluster(
                n_workers=args.workers, threads_per_worker=1, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            parallel = run(client.get_executor(), reqs, args.time_limit)
    else:
        with ProcessPoolExecutor(max_workers=args.workers) as pool:
            parallel = run(pool, reqs, args.time_limit)
    print(f"  wall {parallel:.1f} s, speed-up {serial / parallel:.2f}x")


if __name__ == "__main__":
    main()
