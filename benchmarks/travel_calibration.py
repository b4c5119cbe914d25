"""Fit StraightLineModel's speed curve to drive times stated on public pages.

Reads ``data/travel/calibration.csv`` (one row per stated trip), reports the
circuity implied by the stated distances, then fits ``speed_kmh`` (v0),
``long_speed_kmh`` (v1), ``speed_scale_km`` (d0) and ``overhead_minutes`` with
circuity fixed at the literature value 1.3. The loss is the mean absolute log
error (robust to the rounding and disagreement of the sources: two pages give
新千歳空港–長沼町 as 30 and 40 minutes). Winter speed is set 10 km/h below
summer (寒地土木研究所), not fitted: every stated time is a summer time.

Run from the repository root::

    PYTHONPATH=. /work/venv/bin/python benchmarks/travel_calibration.py
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from areatour.resources import data_dir
from areatour.travel import StraightLineModel, haversine_km


def predict(frame: pd.DataFrame, model: StraightLineModel) -> np.ndarray:
    """Predicted minutes of every calibration pair (summer, no closures)."""
    a = frame[["from_lat", "from_lon"]].to_numpy(float)
    b = frame[["to_lat", "to_lon"]].to_numpy(float)
    minutes, _ = model.open_road(a, b)
    return np.diag(minutes)


def summary(frame: pd.DataFrame, model: StraightLineModel, title: str) -> np.ndarray:
    """Print the median and worst relative error of ``model``; return the errors."""
    rel = predict(frame, model) / frame["minutes_stated"].to_numpy(float) - 1.0
    worst = int(np.argmax(np.abs(rel)))
    print(
        f"{title:<44} n={len(rel)}  median |err| {np.median(np.abs(rel)):5.1%}  "
        f"mean |err| {np.mean(np.abs(rel)):5.1%}  worst {rel[worst]:+.1%} "
        f"({frame['from'].iloc[worst]} -> {frame['to'].iloc[worst]})"
    )
    return rel


def model_of(theta: np.ndarray) -> StraightLineModel:
    v0, v1, d0, overhead = (float(x) for x in theta)
    return StraightLineModel(
        speed_kmh=v0,
        long_speed_kmh=v1,
        speed_scale_km=d0,
        overhead_minutes=overhead,
        winter_speed_kmh=max(v0 - 10.0, 1.0),
        closures=None,
        cache_size=0,
    )


def fit(frame: pd.DataFrame) -> np.ndarray:
    """Best ``(v0, v1, d0, overhead)`` for ``frame`` (mean absolute log error)."""
    stated = frame["minutes_stated"].to_numpy(float)

    def loss(theta: np.ndarray) -> float:
        v0, v1, d0, overhead = theta
        if not (5.0 < v0 <= v1 < 130.0 and 1.0 < d0 < 500.0 and 0.0 <= overhead < 30.0):
            return 1e9
        return float(np.mean(np.abs(np.log(predict(frame, model_of(theta)) / stated))))

    starts = ([40.0, 80.0, 60.0, 5.0], [30.0, 70.0, 30.0, 3.0], [45.0, 90.0, 100.0, 8.0])
    fits = [
        minimize(
            loss,
            np.array(x0),
            method="Nelder-Mead",
            options={"maxiter": 8000, "xatol": 1e-3, "fatol": 1e-10},
        )
        for x0 in starts
    ]
    return np.asarray(min(fits, key=lambda r: r.fun).x)


def leave_one_out(frame: pd.DataFrame) -> np.ndarray:
    """Relative error of each pair predicted by a model fitted without it."""
    errors = []
    for i in range(len(frame)):
        rest = frame.drop(index=frame.index[i])
        model = model_of(fit(rest))
        errors.append(predict(frame.iloc[[i]], model)[0] / frame["minutes_stated"].iloc[i] - 1)
    return np.array(errors)


def main() -> int:
    frame = pd.read_csv(data_dir() / "travel" / "calibration.csv")
    frame["gc_km"] = haversine_km(
        frame["from_lat"], frame["from_lon"], frame["to_lat"], frame["to_lon"]
    )
    with_km = frame.dropna(subset=["km_stated"])
    circuity = with_km["km_stated"] / with_km["gc_km"]
    print(
        f"circuity from {len(with_km)} stated distances: median {circuity.median():.2f} "
        f"(IQR {circuity.quantile(0.25):.2f}-{circuity.quantile(0.75):.2f}); "
        "the model keeps the literature value 1.3\n"
    )
    theta = np.round(fit(frame), 1)
    print(
        "fitted: speed_kmh={} long_speed_kmh={} speed_scale_km={} overhead_minutes={} "
        "(winter_speed_kmh = speed_kmh - 10)\n".format(*theta)
    )

    summary(
        frame,
        StraightLineModel(speed_kmh=50, long_speed_kmh=50, overhead_minutes=0, closures=None),
        "single speed 50 km/h x 1.3",
    )
    summary(frame, StraightLineModel(closures=None), "package defaults")
    rel = summary(frame, model_of(theta), "fitted (rounded)")
    for route in sorted(frame["route"].unique()):
        mask = (frame["route"] == route).to_numpy()
        print(f"  {route:<14} n={mask.sum():2d}  median |err| {np.median(np.abs(rel[mask])):5.1%}")
    loo = leave_one_out(frame)
    worst = int(np.argmax(np.abs(loo)))
    print(
        f"{'leave-one-out (refit without each pair)':<44} n={len(loo)}  "
        f"median |err| {np.median(np.abs(loo)):5.1%}  mean |err| {np.mean(np.abs(loo)):5.1%}  "
        f"worst {loo[worst]:+.1%}"
    )
    print("\nper pair (fitted):")
    pred = predict(frame, model_of(theta))
    for (_, row), p, r in zip(frame.iterrows(), pred, rel, strict=True):
        print(
            f"  {row['from']:>14} -> {row['to']:<16} gc {row['gc_km']:6.1f} km  "
            f"stated {row['minutes_stated']:5.0f}  model {p:6.1f}  {r:+6.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
