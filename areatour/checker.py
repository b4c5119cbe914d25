"""Independent re-verification of an itinerary against the catalog and a travel model.

:func:`check_itinerary` does not trust the solver: it rebuilds every constraint
from the request stored on the itinerary, the catalog's opening hours and
seasons, and fresh travel times, and lists every violation it finds.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import numpy as np

from .catalog import Catalog, load_catalog
from .errors import ValidationError
from .itinerary import Itinerary
from .problem_builder import _block_days, open_window
from .request import PlanRequest
from .travel import StraightLineModel, TravelModel

__all__ = ["check_itinerary", "violations"]

#: slack for rounding of times to whole seconds and of travel minutes
TOLERANCE_MIN = 0.05


def _minutes(t: dt.datetime, date: dt.date) -> float:
    return (t - dt.datetime.combine(date, dt.time())).total_seconds() / 60


def violations(
    itinerary: Itinerary, catalog: Catalog | None = None, travel: TravelModel | None = None
) -> list[str]:
    """Every constraint the itinerary breaks (an empty list when it is valid)."""
    catalog = catalog or load_catalog()
    travel = travel or StraightLineModel()
    request = PlanRequest.from_dict(itinerary.request)
    problems: list[str] = []
    if [d.date for d in itinerary.days] != list(request.dates):
        problems.append("the days do not match the request's dates")
        return problems
    day_lo = request.day_start.hour * 60 + request.day_start.minute
    day_hi = request.day_end.hour * 60 + request.day_end.minute
    seen: Counter[str] = Counter()
    for d, day in enumerate(itinerary.days):
        date = day.date
        stops = day.stops
        if not stops:
            problems.append(f"{date}: no stops")
            continue
        if _minutes(stops[0].depart, date) < day_lo - TOLERANCE_MIN:
            problems.append(f"{date}: leaves before the day starts")
        if _minutes(stops[-1].arrive, date) > day_hi + TOLERANCE_MIN:
            problems.append(f"{date}: arrives after the day ends")
        if d == 0 and stops[0].kind != "gateway":
            problems.append(f"{date}: the trip does not start at a gateway")
        if d == len(itinerary.days) - 1 and stops[-1].kind != "gateway":
            problems.append(f"{date}: the trip does not end at a gateway")
        if d > 0 and stops[0].asset_id != itinerary.days[d - 1].lodging:
            problems.append(f"{date}: does not start at the previous night's lodging")
        if d < len(itinerary.days) - 1:
            if day.lodging is None or stops[-1].asset_id != day.lodging:
                problems.append(f"{date}: does not end at the night's lodging")
            elif day.lodging == request.base_at:
                pass  # the request chose to stay at this base every night
            elif catalog.asset(day.lodging).category != "lodging":
                problems.append(f"{date}: {day.lodging} is not a lodging")
            elif not catalog.in_season(catalog.asset(day.lodging), date):
                problems.append(f"{date}: lodging {day.lodging} is out of season")
        points = np.array([(s.lat, s.lon) for s in stops])
        minutes, _ = travel.matrix(points, date)
        driving = 0.0
        for pos in range(len(stops) - 1):
            need = float(minutes[pos, pos + 1])
            driving += need
            gap = _minutes(stops[pos + 1].arrive, date) - _minutes(stops[pos].depart, date)
            if gap < need - TOLERANCE_MIN:
                problems.append(
                    f"{date}: {stops[pos].asset_id} -> {stops[pos + 1].asset_id} "
                    f"takes {need:.1f} min but only {gap:.1f} are planned"
                )
        if request.max_driving_minutes and driving > request.max_driving_minutes + TOLERANCE_MIN:
            problems.append(f"{date}: {driving:.0f} min of driving exceeds the limit")
        for stop in stops[1:-1]:
            asset = catalog.asset(stop.asset_id)
            if not (stop.arrive <= stop.start <= stop.depart):
                problems.append(f"{date}: {stop.asset_id} has times out of order")
            if asset.category == "lodging" and stop.kind == "visit":
                seen[stop.asset_id] += 1
                continue
            lo, hi = open_window(asset, catalog, date)
            if (
                _minutes(stop.start, date) < lo - TOLERANCE_MIN
                or _minutes(stop.depart, date) > hi + TOLERANCE_MIN
            ):
                problems.append(
                    f"{date}: {stop.asset_id} visited {stop.start:%H:%M}-"
                    f"{stop.depart:%H:%M} outside its opening hours"
                )
            if stop.kind == "visit":
                seen[stop.asset_id] += 1
        for spec in request.style_preset.blocks:
            if d not in _block_days(spec, request) or spec.optional:
                continue
            ok = any(
                s.kind == "work"
                and s.label == spec.label
                and s.category == spec.category
                and s.minutes >= spec.minutes - TOLERANCE_MIN
                for s in stops
            )
            if not ok:
                problems.append(
                    f"{date}: {request.style_preset.id} needs "
                    f"{spec.minutes / 60:g} h of {spec.label} at a {spec.category}"
                )
    twice = [a for a, n in seen.items() if n > 1]
    if twice:
        problems.append(f"visited more than once: {', '.join(sorted(twice))}")
    for asset_id in request.must_visit:
        if asset_id not in {s.asset_id for s in itinerary.visits}:
            problems.append(f"must-visit {asset_id} is not visited")
    towns = {s.municipality_code for s in itinerary.visits}
    need_towns = min(request.effective_min_towns, len(itinerary.members) or 1)
    if len(towns) < need_towns:
        problems.append(f"visits {len(towns)} towns, fewer than the {need_towns} required")
    counts = Counter(s.municipality_code for s in itinerary.visits)
    if counts and request.max_town_share < 1:
        share = max(counts.values()) / sum(counts.values())
        if share > request.max_town_share + 1e-9:
            problems.append(f"{share:.0%} of stops in one town exceeds max_town_share")
    return problems


def check_itinerary(
    itinerary: Itinerary, catalog: Catalog | None = None, travel: TravelModel | None = None
) -> bool:
    """Re-verify every constraint; return ``True`` or raise listing all violations.

    Raises
    ------
    ValidationError
        Listing every violation found.

    Examples
    --------
    >>> import areatour
    >>> req = areatour.PlanRequest(area="nemuro", start="2027-07-12", days=2)
    >>> it = areatour.plan(req, time_limit=1, max_iterations=100)
    >>> check_itinerary(it)
    True
    """
    found = violations(itinerary, catalog, travel)
    if found:
        raise ValidationError("itinerary check failed:\n  " + "\n  ".join(found))
    return True
