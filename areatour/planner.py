"""``areatour.plan``: from a request to a checked :class:`~areatour.itinerary.Itinerary`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from .catalog import Catalog, load_catalog
from .engine import Progress, Solution, solve
from .errors import InfeasibleError
from .itinerary import DayPlan, Itinerary, Leg, Stop
from .problem_builder import BuiltProblem, build_problem
from .request import PlanRequest
from .travel import TravelModel, leg_path

__all__ = ["DEFAULT_TIME_LIMIT", "plan"]

DEFAULT_TIME_LIMIT = 3.0


def _at(date: dt.date, minutes: float) -> dt.datetime:
    return dt.datetime.combine(date, dt.time()) + dt.timedelta(seconds=round(minutes * 60))


def _stop_scores(built: BuiltProblem, solution: Solution) -> dict[tuple[int, int], float]:
    """What each stop added to the objective: appeal × weight × decay^rank in its category."""
    problem, objective = built.problem, built.objective
    first: dict[int, tuple[int, int]] = {}
    for d, route in enumerate(solution.routes):
        for pos, node in enumerate(route[1:-1], start=1):
            first.setdefault(node, (d, pos))
    by_category: dict[int, list[int]] = {}
    for node in first:
        by_category.setdefault(int(problem.categories[node]), []).append(node)  # type: ignore[index]
    out: dict[tuple[int, int], float] = {}
    for cat, members in by_category.items():
        weight = objective.weights.get(cat, 1.0)
        ranked = sorted(members, key=lambda j: -problem.scores[j])
        for k, node in enumerate(ranked):
            out[first[node]] = float(problem.scores[node] * weight * objective.decay**k)
    return out


def _breakdown(built: BuiltProblem, solution: Solution, stop_scores: dict) -> dict[str, float]:
    per_cat: dict[str, float] = {}
    for (d, pos), value in stop_scores.items():
        node = solution.routes[d][pos]
        cat = built.assets[node].category
        per_cat[cat] = per_cat.get(cat, 0.0) + value
    towns = {built.assets[n].municipality_code for n in solution.visited}
    out = {f"category:{c}": round(v, 6) for c, v in sorted(per_cat.items())}
    out["town_bonus"] = built.objective.town_bonus * len(towns)
    out["travel_penalty"] = -built.objective.travel_weight * float(sum(solution.travel))
    return out


def _to_itinerary(built: BuiltProblem, solution: Solution) -> Itinerary:
    request, assets = built.request, built.assets
    block_at = {tuple(v): i for i, v in enumerate(solution.block_visits)}
    stop_scores = _stop_scores(built, solution)
    last = len(solution.routes) - 1
    days = []
    for d, route in enumerate(solution.routes):
        date = request.dates[d]
        stops = []
        for pos, node in enumerate(route):
            asset = assets[node]
            if pos == 0:
                kind = "gateway" if d == 0 else "lodging"
            elif pos == len(route) - 1:
                kind = "gateway" if d == last else "lodging"
            elif (d, pos) in block_at:
                kind = "work"
            else:
                kind = "visit"
            label = built.block_specs[block_at[(d, pos)]].label if kind == "work" else ""
            stops.append(
                Stop(
                    asset_id=asset.id,
                    name_ja=asset.name_ja,
                    name_en=asset.name_en,
                    municipality_code=asset.municipality_code,
                    category=asset.category,
                    kind=kind,
                    lat=asset.lat,
                    lon=asset.lon,
                    arrive=_at(date, solution.arrival[d][pos]),
                    start=_at(date, solution.start[d][pos]),
                    depart=_at(date, solution.departure[d][pos]),
                    score=round(stop_scores.get((d, pos), 0.0), 6),
                    label=label,
                    cost_jpy=asset.cost_jpy,
                    url=asset.url,
                )
            )
        legs = []
        for pos in range(len(route) - 1):
            a, b = route[pos], route[pos + 1]
            path = tuple(leg_path(built.travel, assets[a].point, assets[b].point, date))
            if len(path) <= 2:  # a straight segment: the stops already say it
                path = ()
            legs.append(
                Leg(
                    from_id=assets[a].id,
                    to_id=assets[b].id,
                    minutes=round(float(built.minutes[d, a, b]), 4),
                    km=round(float(built.km[d, a, b]), 4),
                    depart=stops[pos].depart,
                    arrive=stops[pos + 1].arrive,
                    path=path,
                )
            )
        lodging = assets[solution.lodging[d]].id if d < last else None
        days.append(DayPlan(date, tuple(stops), tuple(legs), lodging))
    return Itinerary(
        request=request.to_dict(),
        days=tuple(days),
        score=round(float(solution.score), 6),
        breakdown=_breakdown(built, solution, stop_scores),
        area_id=built.area.id,
        members=tuple(built.area.members),
        seed=solution.stats.seed,
        stats={
            "iterations": solution.stats.iterations,
            "seconds": round(solution.stats.seconds, 3),
            "best_seconds": round(solution.stats.best_seconds, 3),
            "nodes": built.problem.n_nodes,
            "dropped_optional_blocks": list(built.dropped_optional),
        },
    )


def plan(
    request: PlanRequest,
    *,
    catalog: Catalog | None = None,
    travel: TravelModel | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    seed: int = 0,
    max_iterations: int | None = None,
    progress: Callable[[Progress], Any] | None = None,
) -> Itinerary:
    """Plan a multi-day workation itinerary.

    Parameters
    ----------
    request
        What to plan (area, dates, style, fairness, ...).
    catalog
        The catalog to plan with (default: the embedded Hokkaido data).
    travel
        The travel model (default: :class:`~areatour.travel.StraightLineModel`).
    time_limit
        Seconds the solver may use.
    seed
        Seed of the solver; recorded on the result. With ``max_iterations`` the
        plan is fully determined by the seed.
    max_iterations
        Optional iteration limit for reproducible plans.
    progress
        Called with the solver's progress about every 0.2 s.

    Returns
    -------
    Itinerary
        A plan that :func:`~areatour.checker.check_itinerary` accepts.

    Raises
    ------
    InfeasibleError
        Naming the constraint that made the request impossible.

    Examples
    --------
    >>> import areatour
    >>> req = areatour.PlanRequest(area="nemuro", start="2027-02-08", days=2, style="kyuka")
    >>> it = areatour.plan(req, time_limit=1, max_iterations=200)
    >>> len(it.days), it.days[0].stops[0].kind
    (2, 'gateway')
    """
    from .travel import StraightLineModel

    catalog = catalog or load_catalog()
    travel = travel or StraightLineModel()
    built = build_problem(request, catalog, travel)
    try:
        solution = _solve(built, seed, time_limit, max_iterations, progress)
    except InfeasibleError as exc:
        if request.min_towns is not None or "min_towns" not in str(exc):
            raise
        # the style's default number of towns is a wish, not a requirement: ask for
        # fewer towns and say so on the result (an explicit min_towns stays hard)
        return _fewer_towns(
            request, catalog, travel, time_limit, seed, max_iterations, progress, exc
        )
    itinerary = _to_itinerary(built, solution)
    if request.budget_jpy is not None:
        itinerary = _within_budget(
            itinerary, request, catalog, travel, time_limit, seed, max_iterations, progress
        )
    return itinerary


def _fewer_towns(
    request: PlanRequest,
    catalog: Catalog,
    travel: TravelModel,
    time_limit: float,
    seed: int,
    max_iterations: int | None,
    progress: Callable[[Progress], Any] | None,
    error: InfeasibleError,
) -> Itinerary:
    """Plan with the style's default ``min_towns`` lowered one town at a time."""
    from dataclasses import replace

    wanted = request.effective_min_towns
    for towns in range(wanted - 1, 0, -1):
        relaxed = replace(request, min_towns=towns)
        try:
            itinerary = plan(
                relaxed,
                catalog=catalog,
                travel=travel,
                time_limit=time_limit,
                seed=seed,
                max_iterations=max_iterations,
                progress=progress,
            )
        except InfeasibleError as exc:
            if "min_towns" not in str(exc):
                raise
            continue
        stats = {
            **itinerary.stats,
            "relaxed": f"min_towns {wanted} -> {towns} "
            f"(the {request.style_preset.id} default could not be met)",
        }
        return replace(itinerary, stats=stats)
    raise error


#: further seeds tried when the search finds no feasible tour (the engine's pre-checks
#: prove most impossibilities at once; a failed search is retried, deterministically)
RETRIES = 2


def _solve(
    built: BuiltProblem,
    seed: int,
    time_limit: float,
    max_iterations: int | None,
    progress: Callable[[Progress], Any] | None,
) -> Solution:
    request = built.request
    errors: list[InfeasibleError] = []
    for attempt in range(RETRIES + 1):
        try:
            return solve(
                built.problem,
                objective=built.objective,
                seed=seed + attempt,
                time_limit=time_limit,
                max_iterations=max_iterations,
                progress=progress,
            )
        except InfeasibleError as exc:
            errors.append(exc)
            if "tour found" not in str(exc):  # proved impossible: retrying cannot help
                break
    first = errors[0]
    raise InfeasibleError(
        f"{request.style_preset.id} in {built.area.id} from {request.start}: {first}",
        constraint=first.constraint,
    ) from None


def _cost(itinerary: Itinerary) -> int:
    return sum(s.cost_jpy or 0 for s in itinerary.stops if s.kind in ("visit", "work"))


def _within_budget(
    itinerary: Itinerary,
    request: PlanRequest,
    catalog: Catalog,
    travel: TravelModel,
    time_limit: float,
    seed: int,
    max_iterations: int | None,
    progress: Callable[[Progress], Any] | None,
) -> Itinerary:
    """Re-plan without the priciest optional visit until the per-person budget holds."""
    from dataclasses import replace

    budget = int(request.budget_jpy or 0)
    excluded = list(request.exclude)
    for _ in range(8):
        if _cost(itinerary) <= budget:
            return itinerary
        priced = [
            s for s in itinerary.visits if s.cost_jpy and s.asset_id not in request.must_visit
        ]
        if not priced:
            break
        excluded.append(max(priced, key=lambda s: (s.cost_jpy or 0, s.asset_id)).asset_id)
        trimmed = replace(request, exclude=tuple(excluded))
        built = build_problem(trimmed, catalog, travel)
        solution = _solve(built, seed, time_limit, max_iterations, progress)
        itinerary = _to_itinerary(built, solution)
        itinerary = Itinerary(**{**itinerary.__dict__, "request": request.to_dict()})
    if _cost(itinerary) > budget:
        raise InfeasibleError(
            f"the must-visit assets alone cost more than the budget of {budget} yen per person",
            constraint="budget",
        )
    return itinerary
