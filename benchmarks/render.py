"""Time map rendering: a 7-day plan plus every asset of the three Sorachi areas.

Usage::

    python benchmarks/render.py [--repeat 5] [--planned]

Prints, for the online and the offline single-file HTML, the median time to draw
the map (``render_itinerary`` then ``render_area`` for each area on the same map)
and to turn it into HTML (``to_html``), and the HTML size. Targets: draw + HTML
within 1 s; at most 2 MB online and 3 MB offline. ``--planned`` plans the 7 days
with the planner first (not timed) instead of building them by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from areatour import load_catalog
from areatour.catalog import Catalog
from areatour.itinerary import DayPlan, Itinerary, Leg, Stop

AREAS = ("minami-sorachi", "naka-sorachi", "kita-sorachi")
TARGET_SECONDS = 1.0
TARGET_BYTES = {"online": 2_000_000, "offline": 3_000_000}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * 111.0
    dx = (a[1] - b[1]) * 111.0 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def hand_built(catalog: Catalog, days: int = 7) -> Itinerary:
    """``days`` days of 5 visits each across the Sorachi areas, 50 km/h, road-like paths."""
    assets = [
        a
        for area in AREAS
        for a in catalog.area_assets(area)
        if a.category not in ("gateway", "lodging")
    ]
    gateway = catalog.asset("01100-gateway-sapporo-station")
    plans = []
    for d in range(days):
        date = dt.date(2027, 6, 7) + dt.timedelta(days=d)
        clock = dt.datetime.combine(date, dt.time(9, 0))
        chosen = [gateway, *assets[d * 5 : d * 5 + 5], gateway]
        stops: list[Stop] = []
        legs: list[Leg] = []
        for i, a in enumerate(chosen):
            if stops:
                prev = stops[-1]
                km = _km((prev.lat, prev.lon), a.point)
                arrive = clock + dt.timedelta(minutes=km / 50 * 60)
                path = tuple(
                    (
                        prev.lat + (a.lat - prev.lat) * t / 20 + 0.002 * (t % 2),
                        prev.lon + (a.lon - prev.lon) * t / 20,
                    )
                    for t in range(21)
                )
                legs.append(Leg(prev.asset_id, a.id, km / 50 * 60, km, clock, arrive, path))
                clock = arrive
            kind = "gateway" if a is gateway else ("work" if i == 2 else "visit")
            depart = clock + dt.timedelta(minutes=0 if kind == "gateway" else 60)
            stops.append(
                Stop(
                    a.id,
                    a.name_ja,
                    a.name_en,
                    a.municipality_code,
                    a.category,
                    kind,
                    a.lat,
                    a.lon,
                    clock,
                    clock,
                    depart,
                    1.0,
                    "work" if kind == "work" else "",
                    a.cost_jpy,
                    a.url,
                )
            )
            clock = depart
        plans.append(DayPlan(date, tuple(stops), tuple(legs)))
    members = tuple(c for area in AREAS for c in catalog.area(area).members)
    return Itinerary({"days": days}, tuple(plans), 0.0, area_id="sorachi", members=members)


def planned(catalog: Catalog) -> Itinerary:
    from areatour.planner import plan
    from areatour.request import PlanRequest

    request = PlanRequest(area="naka-sorachi", start="2027-06-07", days=7, style="satellite")
    return plan(request, catalog=catalog, time_limit=10.0, max_iterations=2000, seed=0)


def measure(catalog: Catalog, itinerary: Itinerary, offline: bool) -> tuple[float, float, int]:
    from areatour.maps import render_area, render_itinerary, to_html

    t0 = time.perf_counter()
    m = render_itinerary(itinerary, catalog=catalog, offline=offline)
    for area in AREAS:
        render_area(catalog, area, m=m, offline=offline)
    t1 = time.perf_counter()
    html = to_html(m, offline=offline)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(html.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--planned", action="store_true", help="plan the 7 days first")
    args = parser.parse_args(argv)

    t = time.perf_counter()
    import folium  # noqa: F401  (import time reported separately, once per process)

    import_s = time.perf_counter() - t
    catalog = load_catalog()
    itinerary = planned(catalog) if args.planned else hand_built(catalog)
    n_assets = sum(len(catalog.area_assets(a)) for a in AREAS)
    print(
        f"plan: {len(itinerary.days)} days, {len(itinerary.stops)} stops, "
        f"{sum(len(leg.path) for d in itinerary.days for leg in d.legs)} path points; "
        f"{n_assets} assets in {', '.join(AREAS)}; folium import {import_s:.2f} s"
    )
    ok = True
    for offline in (False, True):
        measure(catalog, itinerary, offline)  # warm-up: caches of inlined assets, templates
        runs = [measure(catalog, itinerary, offline) for _ in range(args.repeat)]
        draw = statistics.median(r[0] for r in runs)
        html = statistics.median(r[1] for r in runs)
        size = runs[0][2]
        mode = "offline" if offline else "online"
        passed = draw + html <= TARGET_SECONDS and size <= TARGET_BYTES[mode]
        ok &= passed
        print(
            f"{mode:>7}: draw {draw * 1000:6.1f} ms  to_html {html * 1000:6.1f} ms  "
            f"total {(draw + html) * 1000:6.1f} ms (target {TARGET_SECONDS * 1000:.0f})  "
            f"size {size / 1e6:5.2f} MB (target {TARGET_BYTES[mode] / 1e6:.0f})  "
            f"{'ok' if passed else 'OVER'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
