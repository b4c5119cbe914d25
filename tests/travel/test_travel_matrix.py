"""MatrixModel: reading tables, matching points, clear errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from areatour.errors import DataError, ValidationError
from areatour.travel import Closure, MatrixModel

P = {"a": (43.0, 141.0), "b": (43.1, 141.1), "c": (43.2, 141.2)}


def long_table(drop: tuple[str, str] | None = None) -> pd.DataFrame:
    rows = []
    for i, (ka, pa) in enumerate(P.items()):
        for j, (kb, pb) in enumerate(P.items()):
            if ka == kb or (ka, kb) == drop:
                continue
            rows.append({
                "from_id": ka, "to_id": kb, "from_lat": pa[0], "from_lon": pa[1],
                "to_lat": pb[0], "to_lon": pb[1], "minutes": 10 * (i + 1) + j, "km": 5.0 * (i + j),
            })  # fmt: skip
    return pd.DataFrame(rows)


def test_from_csv_by_coordinates(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    long_table().drop(columns=["from_id", "to_id"]).to_csv(path, index=False)
    model = MatrixModel.from_csv(path, closures=None)
    minutes, km = model.matrix([P["c"], P["a"]])
    assert minutes[0, 1] == 30 and minutes[1, 0] == 12
    assert km[0, 1] == 10.0
    assert minutes[0, 0] == 0


def test_from_csv_by_ids_with_points(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    long_table()[["from_id", "to_id", "minutes", "km"]].to_csv(path, index=False)
    model = MatrixModel.from_csv(path, points=P, closures=None)
    minutes, _ = model.matrix_by_ids(["a", "b"])
    assert minutes[0, 1] == 11
    # requested points match within the tolerance (10 m off here)
    nearby = (P["b"][0] + 0.00009, P["b"][1])
    assert model.matrix([P["a"], nearby])[0][0, 1] == 11


def test_from_parquet(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    path = tmp_path / "m.parquet"
    long_table().to_parquet(path)
    model = MatrixModel.from_parquet(path, closures=None)
    assert model.matrix([P["a"], P["b"]])[0][0, 1] == 11


def test_missing_pair_is_reported() -> None:
    model = MatrixModel.from_frame(long_table(drop=("a", "c")), closures=None, source="t.csv")
    with pytest.raises(DataError, match=r"a -> c"):
        model.matrix([P["a"], P["c"]])
    # the reverse exists
    assert model.matrix([P["c"], P["b"]])[0][0, 1] == 31


def test_symmetric_fills_missing_reverse() -> None:
    model = MatrixModel.from_frame(long_table(drop=("a", "c")), symmetric=True, closures=None)
    minutes, _ = model.matrix([P["a"], P["c"]])
    assert minutes[0, 1] == minutes[1, 0] == 30


def test_unknown_point_is_reported() -> None:
    model = MatrixModel.from_frame(long_table(), closures=None, source="t.csv")
    with pytest.raises(DataError, match="not in the table"):
        model.matrix([P["a"], (44.0, 145.0)])
    with pytest.raises(DataError, match="unknown point id"):
        model.matrix_by_ids(["a", "zzz"])


def test_bad_tables() -> None:
    with pytest.raises(DataError, match="minutes"):
        MatrixModel.from_frame(pd.DataFrame({"from_id": ["a"], "to_id": ["b"], "km": [1.0]}))
    with pytest.raises(DataError, match="points="):
        MatrixModel.from_frame(
            pd.DataFrame({"from_id": ["a"], "to_id": ["b"], "minutes": [1.0], "km": [1.0]})
        )
    frame = long_table()
    frame["minutes"] = frame["minutes"].astype(object)
    frame.loc[0, "minutes"] = "soon"
    with pytest.raises(DataError, match="row 1"):
        MatrixModel.from_frame(frame)
    with pytest.raises(DataError, match="no coordinates"):
        MatrixModel.from_frame(
            pd.DataFrame({"from_id": ["a"], "to_id": ["q"], "minutes": [1.0], "km": [1.0]}),
            points={"a": (43.0, 141.0)},
        )
    with pytest.raises(DataError, match="cannot read"):
        MatrixModel.from_csv("/nonexistent/m.csv")


def test_constructor_validation() -> None:
    with pytest.raises(ValidationError):
        MatrixModel(("a", "a"), np.zeros((2, 2)) + 43, np.zeros((2, 2)), np.zeros((2, 2)))
    with pytest.raises(ValidationError):
        MatrixModel(("a",), np.array([[43.0, 141.0]]), np.zeros((2, 2)), np.zeros((2, 2)))


def test_winter_factor_and_closures() -> None:
    closure = Closure("x", "x", "x", P["a"], 1.0, P["c"], 1.0, (12, 1), (3, 31))
    model = MatrixModel.from_frame(long_table(), winter_factor=2.0, closures=[closure])
    summer, _ = model.matrix([P["a"], P["b"], P["c"]], dt.date(2026, 7, 1))
    winter, _ = model.matrix([P["a"], P["b"], P["c"]], dt.date(2027, 1, 1))
    assert winter[0, 1] == 2 * summer[0, 1]
    assert np.isinf(winter[0, 2]) and np.isfinite(summer[0, 2])


def test_duplicate_pair_is_reported() -> None:
    frame = long_table()
    doubled = pd.concat([frame, frame.iloc[[3]]], ignore_index=True)
    with pytest.raises(DataError, match="more than once"):
        MatrixModel.from_frame(doubled)
