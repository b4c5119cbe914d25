"""Fit StraightLineModel's speed curve to drive times stated on public pages.

Reads ``data/travel/calibration.csv``: 26 summer trips and one winter trip
(ウトロ–羅臼 with 知床峠 closed, a check of the closure detour). Reports the
circuity implied by the stated distances, then fits on the summer trips

* the package default: ``speed_kmh`` (v0), ``long_speed_kmh`` (v1),
  ``speed_scale_km`` (d0) and ``overhead_minutes``;
* a variant with an eastern zone (``east_meridian=144.0``) whose long-trip
  speed ``east_long_speed_kmh`` is fitted too,

with circuity fixed at the literature value 1.3. The loss is the mean absolute
log error (robust to the rounding and disagreement of the sources: two pages
give 新千歳空港–長沼町 as 30 and 40 minutes). Winter speed is 10 km/h below
summer (寒地土木研究所), not fitted. Each variant is also scored leave-one-out.

Run from the repository root (about a minute)::

    PYTHONPATH=. /work/venv/bin/python benchmarks/travel_calibration.py
"""

from __future__ import annotations

import datetime as dt
import sys

import numpy as np
import pandas as pd
from scipy.optimize import minimize

from areatour.resources import data_dir
from areatour.travel import StraightLineModel, haversine_km

WINTER_DAY = dt.date(2027, 1, 15)


def predict(frame: pd.DataFrame, model: StraightLineModel) -> np.ndarray:
    """Predicted minutes of every row: open road in summer, closures on a winter day."""
    a = frame[["from_lat", "from_lon"]].to_numpy(float)
    b = frame[["to_lat", "to_lon"]].to_numpy(float)
    out = np.diag(model.open_road(a, b)[0]).copy()
    for k in np.flatnonzero((frame["season"] == "winter").to_numpy()):
        out[k] = model.matrix([a[k], b[k]], WINTER_DAY)[0][0, 1]
    return out


def model_of(theta: np.ndarray, zone: bool) -> StraightLineModel:
    """The model for ``(v0, v1, d0, overhead[, v1_east])``."""
    v0, v1, d0, overhead = (float(x) for x in theta[:4])
    return StraightLineModel(
        speed_kmh=v0,
        long_speed_kmh=v1,
        speed_scale_km=d0,
        overhead_minutes=overhead,
        east_meridian=144.0 if zone else None,
        east_long_speed_kmh=float(theta[4]) if zone else max(v1, v0),
        winter_speed_kmh=max(v0 - 10.0, 1.0),
        cache_size=0,
    )


def fit(frame: pd.DataFrame, zone: bool) -> np.ndarray:
    """Best parameters for the summer rows of ``frame`` (mean absolute log error)."""
    summer = frame[frame["season"] == "summer"]
    stated = summer["minutes_stated"].to_numpy(float)

    def loss(theta: np.ndarray) -> float:
        v0, v1, d0, overhead = theta[:4]
        v1_east = theta[4] if zone else v1
        if not (5.0 < v0 <= min(v1, v1_east) and max(v1, v1_east) < 130.0):
            return 1e9
        if not (1.0 < d0 < 500.0 and 0.0 <= overhead < 30.0):
            return 1e9
        return float(np.mean(np.abs(np.log(predict(summer, model_of(theta, zone)) / stated))))

    starts = ([40.0, 80.0, 60.0, 5.0, 60.0], [30.0, 70.0, 30.0, 3.0, 50.0],
              [45.0, 90.0, 100.0, 8.0, 70.0])  # fmt: skip
    fits = [
        minimize(loss, np.array(x0[: 5 if zone else 4]), method="Nelder-Mead",
                 options={"maxiter": 8000, "xatol": 1e-3, "fatol": 1e-10})
        for x0 in starts
    ]  # fmt: skip
    return np.round(np.asarray(min(fits, key=lambda r: r.fun).x), 1)


def leave_one_out(frame: pd.DataFrame, zone: bool) -> np.ndarray:
    """Relative error of each summer row predicted by a model fitted without it."""
    summer = frame[frame["season"] == "summer"]
    errors = []
    for i in range(len(summer)):
        model = model_of(fit(summer.drop(index=summer.index[i]), zone), zone)
        row = summer.iloc[[i]]
        errors.append(predict(row, model)[0] / row["minutes_stated"].iloc[0] - 1.0)
    return np.array(errors)


def summary(frame: pd.DataFrame, model: StraightLineModel, title: str) -> np.ndarray:
    """Print summer errors and the winter check of ``model``; return the summer errors."""
    rel = predict(frame, model) / frame["minutes_stated"].to_numpy(float) - 1.0
    summer = (frame["season"] == "summer").to_numpy()
    r = rel[summer]
    worst = int(np.argmax(np.abs(r)))
    names = frame[summer].iloc[worst]
    winter = ", ".join(f"{x:+.0%}" for x in rel[~summer])
    print(
        f"{title:<34} n={len(r)}  median |err| {np.median(np.abs(r)):5.1%}  "
        f"mean {np.mean(np.abs(r)):5.1%}  worst {r[worst]:+.0%} ({names['from']}->{names['to']})"
        f"  winter detour {winter}"
    )
    return r


def main() -> int:
    frame = pd.read_csv(data_dir() / "travel" / "calibration.csv")
    frame["gc_km"] = haversine_km(
        frame["from_lat"], frame["from_lon"], frame["to_lat"], frame["to_lon"]
    )
    with_km = frame[(frame["season"] == "summer")].dropna(subset=["km_stated"])
    circuity = with_km["km_stated"] / with_km["gc_km"]
    print(
        f"circuity from {len(with_km)} stated distances: median {circuity.median():.2f} "
        f"(IQR {circuity.quantile(0.25):.2f}-{circuity.quantile(0.75):.2f}); "
        "the model keeps the literature value 1.3\n"
    )
    base = fit(frame, zone=False)
    zoned = fit(frame, zone=True)
    print("fitted (default): speed_kmh={} long_speed_kmh={} speed_scale_km={} "
          "overhead_minutes={}".format(*base))  # fmt: skip
    print("fitted (eastern zone, east_meridian=144.0): speed_kmh={} long_speed_kmh={} "
          "speed_scale_km={} overhead_minutes={} "
          "east_long_speed_kmh={}\n".format(*zoned))  # fmt: skip

    single = StraightLineModel(
        speed_kmh=50, long_speed_kmh=50, overhead_minutes=0, winter_speed_kmh=40
    )
    summary(frame, single, "single speed 50 km/h x 1.3")
    summary(frame, StraightLineModel(), "package defaults")
    summary(frame, model_of(base, False), "fitted speed curve")
    summary(frame, model_of(zoned, True), "fitted, with eastern zone")
    for zone, title in ((False, "leave-one-out, speed curve"),
                        (True, "leave-one-out, eastern zone")):  # fmt: skip
        loo = leave_one_out(frame, zone)
        worst = loo[np.argmax(np.abs(loo))]
        print(f"{title:<34} n={len(loo)}  median |err| {np.median(np.abs(loo)):5.1%}  "
              f"mean {np.mean(np.abs(loo)):5.1%}  worst {worst:+.0%}")  # fmt: skip

    print("\nper pair (fitted speed curve; the last row is the winter check):")
    pred = predict(frame, model_of(base, False))
    errors = pred / frame["minutes_stated"].to_numpy(float) - 1.0
    for (_, row), p, r in zip(frame.iterrows(), pred, errors, strict=True):
        print(
            f"  {row['from']:>14} -> {row['to']:<16} {row['season']:<6} gc {row['gc_km']:6.1f} km"
            f"  stated {row['minutes_stated']:5.0f}  model {p:6.1f}  {r:+6.1%}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
