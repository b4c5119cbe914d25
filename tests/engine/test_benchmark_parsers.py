"""Parsers and verifiers of benchmarks/run.py on tiny inline instances."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from areatour.engine import solve

OPHS = """4\t1\t2
10
6\t4.5\t

0\t0\t0
0\t2\t0
3\t0\t0
1\t1\t5
2\t1\t7
-----------
"""

TOPTW = """4 2 3 1
0 200
  0 0.00 0.00 0 0 0 0 0 100
  1 3.00 4.00 5 10 1 1 1 0 50
  2 6.00 8.00 5 20 1 1 1 10 20
  3 -3.00 -4.00 5 30 1 1 1 90 95
"""


@pytest.fixture(scope="module")
def run() -> ModuleType:
    path = Path(__file__).parents[2] / "benchmarks" / "run.py"
    spec = importlib.util.spec_from_file_location("engine_benchmark_run", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_parse_and_solve_ophs(run: ModuleType) -> None:
    inst = run.parse_ophs(OPHS, "tiny")
    assert inst.n_extra == 1 and list(inst.trip_limits) == [6.0, 4.5]
    assert inst.xy.shape == (5, 2) and inst.scores.tolist() == [0, 0, 0, 5, 7]
    solution = solve(run.ophs_problem(inst), max_iterations=50)
    assert run.verify_ophs(inst, solution.routes) == solution.score == 12.0


def test_verify_ophs_rejects_long_trip(run: ModuleType) -> None:
    inst = run.parse_ophs(OPHS, "tiny")
    with pytest.raises(AssertionError, match="length"):
        run.verify_ophs(inst, [[0, 3, 4, 2, 3, 4, 2, 3, 4, 2], [2, 1]])


def test_parse_and_solve_toptw(run: ModuleType) -> None:
    inst = run.parse_toptw(TOPTW, "c999")
    assert inst.decimals == 1 and inst.closing[0] == 100.0
    assert inst.opening.tolist() == [0, 0, 10, 90]
    matrix = run.toptw_matrix(inst)
    assert matrix[0, 1] == 5.0 and matrix[1, 0] == 5.0
    solution = solve(run.toptw_problem(inst, 1), max_iterations=50)
    assert run.verify_toptw(inst, solution.routes) == solution.score
    # 3 is open only at 90..95 and 5 away; 2 opens at 10: 0-1-2 and back is 20, 3 fits too.
    assert solution.score == 60.0


def test_cordeau_distances_truncate_to_two_decimals(run: ModuleType) -> None:
    inst = run.parse_toptw(TOPTW.replace("6.00 8.00", "1.00 1.00"), "pr99")
    matrix = run.toptw_matrix(inst)
    assert inst.decimals == 2
    assert matrix[0, 2] == np.floor(np.sqrt(2) * 100) / 100


def test_a_failing_instance_is_reported_and_the_run_goes_on(
    run: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    good = tmp_path / "good.ophs"
    good.write_text(OPHS)
    bad = tmp_path / "bad.ophs"
    bad.write_text("4\t1\t2\n10\n6\t4.5\t\n0\t0\t0\n")  # location lines missing
    code = run.main(["ophs", str(bad), str(good), "--time-limit", "1"])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert lines[0]["instance"] == "bad" and "expected 5 location lines" in lines[0]["error"]
    assert lines[1]["instance"] == "good" and lines[1]["score"] == 12.0
    assert lines[2]["failed"] == 1 and lines[2]["instances"] == 2


def test_summarize_groups_by_folder_and_routes() -> None:
    path = Path(__file__).parents[2] / "benchmarks" / "summarize.py"
    spec = importlib.util.spec_from_file_location("engine_benchmark_summarize", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    records = [
        {"instance": "c101-m1", "set": "solomon", "score": 320.0, "gap": 0.0},
        {"instance": "c102-m1", "set": "solomon", "score": 300.0, "gap": 2.0},
        {"instance": "pr01-m2", "score": 500.0, "gap": -1.0},  # no "set": older records
        {"instance": "x", "set": "SET_4", "score": 0.0, "error": "boom"},
        {"summary": "toptw"},
    ]
    lines = module.summarize(records)
    rows = {line.split(" | ")[0].strip("| "): line for line in lines[2:]}
    assert set(rows) == {"SET_4", "cordeau m=2", "solomon m=1", "**all**"}
    assert "| 2 | 2 | 1.000 | 2.000 | 1 | 0 | 310.00 |" in rows["solomon m=1"]
    assert "| 1 | 0 | – | – | – | 1 | 0.00 |" in rows["SET_4"]
