"""Turning a :class:`~areatour.request.PlanRequest` into the engine's numeric problem.

Each calendar date of the trip becomes a day of the engine's problem:

- candidate assets are the area's assets (minus exclusions) that are in season,
  in their date range and open on at least one day of the trip;
- a node's window on a day is the longest opening span of that date (Japanese
  public holidays honoured by ``PH`` rules); unknown hours fall back to the
  category's documented ``default_hours`` in ``data/categories.csv``;
- travel minutes come from the travel model for each date (winter speeds and
  seasonal closures);
- every night ends at a ``lodging`` asset that is in season that night (and
  large enough for the party when its capacity is known);
- the style's blocks (daily work at a workspace, sessions with local
  businesses, team activities) become the engine's per-day blocks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from .catalog import Catalog
from .engine import Block, Problem, WorkationObjective
from .errors import InfeasibleError, ValidationError
from .hours import is_public_holiday
from .model import Area, Asset
from .request import PlanRequest
from .styles import BlockSpec
from .travel import StraightLineModel, TravelModel

__all__ = ["BuiltProblem", "build_problem", "is_workday", "open_window"]

#: the engine's clock: minutes after midnight of each day
_CLOSED = (np.inf, -np.inf)
TOWN_BONUS = 1.0
TRAVEL_WEIGHT = 0.01
DECAY = 0.5


@dataclass(frozen=True)
class BuiltProblem:
    """The engine problem plus what is needed to map its solution back to assets."""

    problem: Problem
    objective: WorkationObjective
    request: PlanRequest
    area: Area
    assets: tuple[Asset, ...]  # node index -> asset
    categories: tuple[str, ...]  # category index -> category id
    block_specs: tuple[BlockSpec, ...]  # aligned with problem.blocks
    minutes: np.ndarray  # (D, n, n)
    km: np.ndarray  # (D, n, n)
    travel: TravelModel
    dropped_optional: tuple[str, ...] = ()


def is_workday(day: dt.date) -> bool:
    """Monday to Friday and not a Japanese public holiday."""
    return day.weekday() < 5 and not is_public_holiday(day)


def open_window(asset: Asset, catalog: Catalog, day: dt.date) -> tuple[float, float]:
    """The asset's longest opening span on ``day`` in minutes, or ``(inf, -inf)`` if closed.

    Unknown hours fall back to the category's ``default_hours``.
    """
    if not catalog.is_available_on(asset, day):
        return _CLOSED
    hours = asset.hours or catalog.categories[asset.category].default_hours
    if hours is None:
        return (0.0, 24 * 60.0)
    spans = hours.spans_on(day)
    if not spans:
        return _CLOSED
    start, end = max(spans, key=lambda s: s[1] - s[0])
    return (float(start), float(end))


def _gateway(catalog: Catalog, area: Area, asset_id: str | None, which: str) -> Asset:
    if asset_id is not None:
        asset = catalog.asset(asset_id)
        if asset.category not in ("gateway", "lodging"):
            raise ValidationError(f"{which} {asset_id!r} is a {asset.category}, not a gateway")
        return asset
    gateways = catalog.gateways(area)
    if not gateways:
        raise InfeasibleError(
            f"area {area.id} has no gateway; pass start_at/end_at", constraint="gateway"
        )
    return gateways[0]


def _resolve_area(catalog: Catalog, request: PlanRequest) -> Area:
    if request.area is not None:
        return catalog.area(request.area)
    return catalog.custom_area(request.towns)


def _candidates(catalog: Catalog, area: Area, request: PlanRequest) -> list[Asset]:
    excluded_towns = {catalog.municipality(t).code for t in request.exclude_towns}
    excluded = set(request.exclude)
    for asset_id in (*request.exclude, *request.must_visit):
        catalog.asset(asset_id)  # unknown ids are an error, not silently ignored
    clash = excluded & set(request.must_visit)
    if clash:
        raise ValidationError(f"asset {sorted(clash)[0]!r} is both excluded and must-visit")
    out = []
    for asset in catalog.area_assets(area):
        if asset.category == "gateway" or asset.id in excluded:
            continue
        if asset.municipality_code in excluded_towns:
            continue
        if not any(catalog.in_season(asset, d) for d in request.dates):
            continue
        out.append(asset)
    for asset_id in request.must_visit:  # a must-visit asset may lie outside the area
        if all(a.id != asset_id for a in out):
            out.append(catalog.asset(asset_id))
    return out


def _block_days(spec: BlockSpec, request: PlanRequest) -> list[int]:
    days = []
    business = set(request.business_days)
    if spec.days == "business" and not business:
        business = {next((d for d in request.dates if is_workday(d)), request.dates[0])}
    for d, date in enumerate(request.dates):
        if (
            spec.days == "all"
            or (spec.days == "weekdays" and is_workday(date))
            or (spec.days == "business" and date in business)
        ):
            days.append(d)
    return days


def _fits(window: tuple[float, float], day_window: tuple[float, float], minutes: float) -> bool:
    lo, hi = max(window[0], day_window[0]), min(window[1], day_window[1])
    return hi - lo >= minutes


def build_problem(
    request: PlanRequest, catalog: Catalog, travel: TravelModel | None = None
) -> BuiltProblem:
    """Build the engine problem for ``request`` (see the module docstring).

    Raises
    ------
    InfeasibleError
        When a required block has no asset that can serve it on some day, or a
        night has no lodging; the message names the constraint and the date.
    """
    travel = travel or StraightLineModel()
    area = _resolve_area(catalog, request)
    style = request.style_preset
    start_gw = _gateway(catalog, area, request.start_at, "start_at")
    end_gw = _gateway(catalog, area, request.end_at, "end_at")
    cands = _candidates(catalog, area, request)
    if request.base_at is not None:
        base = catalog.asset(request.base_at)
        cands = [a for a in cands if a.category != "lodging" and a.id != base.id]
        cands.append(base)
    nodes: list[Asset] = [start_gw, end_gw, *cands]
    n, n_days = len(nodes), request.days
    dates = request.dates
    day_window = (
        request.day_start.hour * 60.0 + request.day_start.minute,
        request.day_end.hour * 60.0 + request.day_end.minute,
    )

    categories = tuple(sorted(catalog.categories))
    cat_index = {c: i for i, c in enumerate(categories)}
    towns = tuple(area.members) + tuple(
        sorted({a.municipality_code for a in cands} - set(area.members))
    )
    town_index = {c: i for i, c in enumerate(towns)}

    windows = np.empty((n_days, n, 2))
    for d, date in enumerate(dates):
        windows[d, 0] = windows[d, 1] = (0.0, 48 * 60.0)
        for j, asset in enumerate(cands, start=2):
            windows[d, j] = (
                (0.0, 48 * 60.0)
                if asset.category == "lodging"
                else open_window(asset, catalog, date)
            )
    service = np.array(
        [0.0, 0.0]
        + [
            float(
                a.visit_minutes
                if a.visit_minutes is not None
                else catalog.categories[a.category].default_visit_minutes
            )
            for a in cands
        ]
    )
    weights = {
        cat: style.weights.get(cat, 1.0) * request.interests.get(cat, 1.0) for cat in categories
    }
    scores = np.array(
        [0.0, 0.0]
        + [
            float(a.appeal) if weights.get(a.category, 1.0) > 0 and a.category != "gateway" else 0.0
            for a in cands
        ]
    )
    cat_arr = np.array([-1, -1] + [cat_index[a.category] for a in cands], dtype=np.int64)
    town_arr = np.array([-1, -1] + [town_index[a.municipality_code] for a in cands], dtype=np.int64)
    if request.base_at is not None:
        lodging_nodes = np.array([n - 1], dtype=np.int64)  # the base, appended last
    else:
        lodging_nodes = np.array(
            [j for j, a in enumerate(nodes) if j >= 2 and a.category == "lodging"], dtype=np.int64
        )
    lodging_available = None
    if n_days > 1:
        party = request.effective_party_size
        lodging_available = np.zeros((n_days - 1, len(lodging_nodes)), dtype=bool)
        for night in range(n_days - 1):
            for k, j in enumerate(lodging_nodes):
                asset = nodes[j]
                big_enough = asset.capacity is None or asset.capacity >= party
                lodging_available[night, k] = request.base_at is not None or (
                    catalog.in_season(asset, dates[night]) and big_enough
                )
            if not lodging_available[night].any():
                raise InfeasibleError(
                    f"no lodging in {area.id} is open on the night of {dates[night]} "
                    f"(for a party of {party}); the catalog may lack the area's hotels: "
                    "add them, or pass base_at= to stay at one place every night",
                    constraint="lodging",
                )

    blocks: list[Block] = []
    specs: list[BlockSpec] = []
    dropped: list[str] = []
    for spec in style.blocks:
        for d in _block_days(spec, request):
            date = dates[d]
            allowed = (
                {request.business_at} if spec.days == "business" and request.business_at else None
            )
            serving = [
                j
                for j, a in enumerate(nodes)
                if j >= 2
                and a.category == spec.category
                and (allowed is None or a.id in allowed)
                and (not spec.require or getattr(a, spec.require, None) is True)
                and _fits(tuple(windows[d, j]), day_window, spec.minutes)
            ]
            if not serving:
                what = f"{spec.minutes / 60:g} h of {spec.label}"
                need = f" with {spec.require.replace('_', ' ')}" if spec.require else ""
                message = (
                    f"{style.id} needs {what} on {date} but no {spec.category}{need} "
                    f"in {area.id} is open that day"
                )
                if spec.optional:
                    dropped.append(message)
                    continue
                raise InfeasibleError(message, constraint="block")
            blocks.append(
                Block(day=d, nodes=np.array(serving), minutes=spec.minutes, label=spec.label)
            )
            specs.append(spec)

    must = [nodes.index(next(a for a in nodes if a.id == m)) for m in request.must_visit]
    for town in request.required_towns:
        code = catalog.municipality(town).code
        in_town = [
            j
            for j, a in enumerate(nodes)
            if j >= 2
            and a.municipality_code == code
            and a.category != "lodging"
            and np.isfinite(windows[:, j, 0]).any()
        ]
        if not in_town:
            raise InfeasibleError(
                f"required town {code} has no asset open during the trip",
                constraint="required_towns",
            )
        if not set(in_town) & set(must):
            must.append(max(in_town, key=lambda j: (nodes[j].appeal, -j)))

    points = np.array([a.point for a in nodes])
    mats = [travel.matrix(points, date) for date in dates]
    minutes = np.stack([m for m, _ in mats])
    km = np.stack([k for _, k in mats])

    problem = Problem(
        scores=scores,
        service=service,
        travel=minutes,
        distance=km,
        windows=windows,
        day_windows=np.array([day_window] * n_days),
        start=0,
        end=1,
        categories=cat_arr,
        towns=town_arr,
        day_travel_limit=(
            np.full(n_days, float(request.max_driving_minutes))
            if request.max_driving_minutes
            else None
        ),
        lodging=lodging_nodes if n_days > 1 else None,
        lodging_available=lodging_available,
        blocks=tuple(blocks),
        must_visit=np.array(must, dtype=np.int64),
        # lodging is where nights are spent; it is a stop of its own only when the
        # style values it (视察 visits lodgings), and the gateways are never stops
        forbidden=np.array(
            [
                j
                for j, a in enumerate(nodes)
                if j >= 2
                and j not in must
                and (
                    a.category == "gateway"
                    or (a.category == "lodging" and weights["lodging"] <= 0)
                    or a.id == request.base_at
                )
            ],
            dtype=np.int64,
        ),
        min_towns=min(request.effective_min_towns, len(area.members)),
        max_town_share=request.max_town_share,
    )
    objective = WorkationObjective(
        weights={cat_index[c]: w for c, w in weights.items()},
        decay=DECAY,
        town_bonus=TOWN_BONUS,
        travel_weight=TRAVEL_WEIGHT,
    )
    return BuiltProblem(
        problem,
        objective,
        request,
        area,
        tuple(nodes),
        categories,
        tuple(specs),
        minutes,
        km,
        travel,
        tuple(dropped),
    )
