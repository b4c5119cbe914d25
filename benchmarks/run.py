"""Run the areatour engine on public OPHS and (T)OPTW benchmark instances.

Usage::

    python benchmarks/run.py ophs FILE... --time-limit 10 --seed 0
    python benchmarks/run.py toptw FILE... --m 1 2 3 4 --time-limit 10 --seed 0

Formats and conventions are those of ``/work/shared/benchmarks/README.md``:

* OPHS: unrounded Euclidean distances, each trip at most ``Td + 0.01``; nodes are numbered
  0 = H0 (start), 1 = H1 (end), 2..H+1 extra hotels, then customers in file order.
* TOPTW: Euclidean distances truncated to 1 decimal (Solomon) or 2 decimals (Cordeau
  ``pr*``), service must start inside ``[O, C]``, every route returns to depot 0 by ``C_0``.

Each solution is verified from the file data independently of the engine before its JSON
line ``{"instance", "score", "seconds", "routes"}`` is printed; a summary line with the
mean gap to the family's ``bks.csv`` follows.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import sys
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from areatour.engine import Problem, solve, warm_up

BENCHMARKS = Path("/work/shared/benchmarks")


@dataclass(frozen=True)
class OphsInstance:
    name: str
    xy: np.ndarray
    scores: np.ndarray
    n_extra: int
    trip_limits: np.ndarray


@dataclass(frozen=True)
class ToptwInstance:
    name: str
    xy: np.ndarray
    service: np.ndarray
    scores: np.ndarray
    opening: np.ndarray
    closing: np.ndarray
    decimals: int


def parse_ophs(text: str, name: str) -> OphsInstance:
    """Parse an OPHS file (``N H D``, ``Tmax``, ``Td...``, then ``x y S`` lines)."""
    lines = [line.split() for line in text.splitlines()]
    lines = [tokens for tokens in lines if tokens and set(tokens[0]) != {"-"}]
    n_total, n_extra, n_days = (int(v) for v in lines[0][:3])
    trip_limits = np.array([float(v) for v in lines[2][:n_days]])
    rows = np.array([[float(v) for v in tokens[:3]] for tokens in lines[3 : 3 + n_total + n_extra]])
    if rows.shape != (n_total + n_extra, 3):
        raise ValueError(f"{name}: expected {n_total + n_extra} location lines")
    return OphsInstance(name, rows[:, :2], rows[:, 2], n_extra, trip_limits)


def parse_toptw(text: str, name: str) -> ToptwInstance:
    """Parse a (T)OPTW file: ``i x y d S f a list O C`` point lines after two header lines."""
    lines = [line.split() for line in text.splitlines() if line.strip()]
    n_customers = int(lines[0][2])
    rows = lines[2 : 3 + n_customers]
    xy = np.array([[float(r[1]), float(r[2])] for r in rows])
    service = np.array([float(r[3]) for r in rows])
    scores = np.array([float(r[4]) for r in rows])
    opening = np.array([float(r[-2]) for r in rows])
    closing = np.array([float(r[-1]) for r in rows])
    decimals = 2 if name.lower().startswith("pr") else 1
    return ToptwInstance(name, xy, service, scores, opening, closing, decimals)


def euclidean(xy: np.ndarray) -> np.ndarray:
    return np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))


def toptw_matrix(inst: ToptwInstance) -> np.ndarray:
    factor = 10.0**inst.decimals
    return np.floor(euclidean(inst.xy) * factor + 1e-7) / factor


def ophs_problem(inst: OphsInstance) -> Problem:
    n = inst.scores.size
    n_days = inst.trip_limits.size
    limits = inst.trip_limits + 0.01
    windows = np.tile([0.0, np.inf], (n, 1))
    return Problem(
        scores=inst.scores,
        service=np.zeros(n),
        travel=euclidean(inst.xy),
        windows=windows,
        day_windows=np.column_stack([np.zeros(n_days), limits]),
        day_travel_limit=limits,
        start=0,
        end=1,
        lodging=np.arange(inst.n_extra + 2),
    )


def toptw_problem(inst: ToptwInstance, m: int) -> Problem:
    horizon = inst.closing[0]
    return Problem(
        scores=inst.scores,
        service=inst.service,
        travel=toptw_matrix(inst),
        windows=np.column_stack([inst.opening, inst.closing]),
        day_windows=np.tile([0.0, horizon], (m, 1)),
        start=0,
        end=0,
        lodging=[0],
        service_within_window=False,
    )


def verify_ophs(inst: OphsInstance, routes: Sequence[Sequence[int]]) -> float:
    """Score of ``routes`` recomputed from the file data; raises on any violation."""
    hotels = set(range(inst.n_extra + 2))
    if len(routes) != inst.trip_limits.size:
        raise AssertionError(f"{inst.name}: {len(routes)} trips")
    seen: set[int] = set()
    for d, trip in enumerate(routes):
        first_ok = trip[0] == (0 if d == 0 else routes[d - 1][-1])
        last_ok = trip[-1] == 1 if d == len(routes) - 1 else trip[-1] in hotels
        if not (first_ok and last_ok):
            raise AssertionError(f"{inst.name}: trip {d} endpoints {trip[0]}, {trip[-1]}")
        length = sum(math.dist(inst.xy[a], inst.xy[b]) for a, b in itertools.pairwise(trip))
        if length > inst.trip_limits[d] + 0.01 + 1e-9:
            raise AssertionError(f"{inst.name}: trip {d} length {length} > {inst.trip_limits[d]}")
        for v in trip[1:-1]:
            if v in hotels or v in seen:
                raise AssertionError(f"{inst.name}: node {v} repeated or a hotel")
            seen.add(v)
    return float(sum(inst.scores[v] for v in seen))


def verify_toptw(inst: ToptwInstance, routes: Sequence[Sequence[int]]) -> float:
    """Score of ``routes`` recomputed from the file data; raises on any violation."""
    factor = 10.0**inst.decimals
    seen: set[int] = set()
    for route in routes:
        if route[0] != 0 or route[-1] != 0:
            raise AssertionError(f"{inst.name}: route {route} does not start and end at 0")
        clock = 0.0
        for a, b in itertools.pairwise(route):
            leg = math.floor(math.dist(inst.xy[a], inst.xy[b]) * factor + 1e-7) / factor
            clock = max(clock + leg, inst.opening[b])
            if b == 0:
                break
            if clock > inst.closing[b] + 1e-9:
                raise AssertionError(f"{inst.name}: service at {b} starts {clock} > C")
            if b in seen:
                raise AssertionError(f"{inst.name}: vertex {b} visited twice")
            seen.add(b)
            clock += inst.service[b]
        if clock > inst.closing[0] + 1e-9:
            raise AssertionError(f"{inst.name}: route returns at {clock} > {inst.closing[0]}")
    return float(sum(inst.scores[v] for v in seen))


def load_bks(family: str) -> dict[tuple[str, int], float]:
    path = BENCHMARKS / ("ophs" if family == "ophs" else "toptw") / "bks.csv"
    if not path.exists():
        return {}
    table = {}
    with path.open() as handle:
        for row in csv.DictReader(handle):
            table[(row["instance"], int(row.get("m") or 1))] = float(row["bks"])
    return table


def solve_one(family: str, path: Path, m: int, time_limit: float, seed: int) -> dict[str, object]:
    """Solve and verify one (instance, m); return its JSON record.

    A failure (an exception from the engine or a failed verification) is reported in the
    record as ``"error"`` with score 0, so one bad instance neither stops the run nor
    disappears from the summary.
    """
    label = path.stem if family == "ophs" else f"{path.stem}-m{m}"
    record: dict[str, object] = {"instance": label}
    try:
        record.update(_solve_one(family, path, m, time_limit, seed, label))
    except Exception as exc:  # reported per instance and counted in the summary
        record.update(score=0.0, error=f"{type(exc).__name__}: {exc}")
    record.update(set=path.parent.name, name=path.stem, m=m)
    return record


def _solve_one(
    family: str, path: Path, m: int, time_limit: float, seed: int, label: str
) -> dict[str, object]:
    """Score, seconds and routes of one verified solution."""
    text = path.read_text()
    began = time.perf_counter()
    if family == "ophs":
        inst = parse_ophs(text, path.stem)
        solution = solve(ophs_problem(inst), time_limit=time_limit, seed=seed)
        score = verify_ophs(inst, solution.routes)
    else:
        tinst = parse_toptw(text, path.stem)
        solution = solve(toptw_problem(tinst, m), time_limit=time_limit, seed=seed)
        score = verify_toptw(tinst, solution.routes)
    seconds = time.perf_counter() - began
    if abs(score - solution.score) > 1e-6:
        raise AssertionError(f"{label}: engine score {solution.score} != verified {score}")
    return {
        "score": score,
        "seconds": round(seconds, 3),
        "routes": [list(r) for r in solution.routes],
    }


def _worker_init() -> None:
    print(f"warm-up: {warm_up():.2f} s", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("family", choices=["ophs", "toptw"])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument(
        "--m",
        type=int,
        nargs="+",
        default=[1],
        help="number of routes for TOPTW (several values allowed)",
    )
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--jobs",
        type=int,
        default=1,
        help="instances solved in parallel (one process and core each)",
    )
    args = parser.parse_args(argv)
    bks = load_bks(args.family)
    tasks = [
        (args.family, path, m, args.time_limit, args.seed)
        for path in args.files
        for m in (args.m if args.family == "toptw" else [1])
    ]
    gaps: list[float] = []
    failed = 0
    # Loading the cached numba kernels takes about a second once per process; keep it out
    # of the first instance's time limit (it is reported on stderr).
    if args.jobs > 1:
        pool = ProcessPoolExecutor(args.jobs, initializer=_worker_init)
        results: Iterable[dict[str, object]] = pool.map(solve_one, *zip(*tasks, strict=False))
    else:
        _worker_init()
        results = (solve_one(*task) for task in tasks)
    for record in results:
        name, m = str(record.pop("name")), int(record.pop("m"))  # type: ignore[call-overload]
        failed += "error" in record
        best = bks.get((name, m))
        if best:
            score = float(record["score"])  # type: ignore[arg-type]
            gap = 100.0 * (best - score) / best
            gaps.append(gap)
            record["bks"] = best
            record["gap"] = round(gap, 4)
        print(json.dumps(record), flush=True)
    summary = {
        "summary": args.family,
        "m": args.m if args.family == "toptw" else None,
        "time_limit": args.time_limit,
        "seed": args.seed,
        "instances": len(tasks),
        "with_bks": len(gaps),
        "failed": failed,
        "mean_gap": round(float(np.mean(gaps)), 4) if gaps else None,
        "max_gap": round(float(np.max(gaps)), 4) if gaps else None,
    }
    print(json.dumps(summary), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
