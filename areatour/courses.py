"""Model-course sets (モデルコース) that together give every member town its share.

:func:`plan_courses` plans ``k`` itineraries for an area, one after the other.
Each course is first planned alone (its *solo* score); then it is re-planned
so that it avoids the sights already used by earlier courses (workspaces,
lodging and gateways may be shared) and visits member towns that no course
has visited yet; when avoiding earlier sights would cost more than 40 % of the
solo score, repeats are allowed again. Towns that cannot be covered are reported by
name, and styles that cannot be planned in the area are replaced by the next
combination (reported in ``CourseSet.skipped``). When the
catalog lists no lodging in the area, courses stay near the area's main gateway
every night (``PlanRequest.base_at``).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, overload

from .catalog import Catalog
from .errors import InfeasibleError
from .itinerary import Itinerary
from .model import Area
from .planner import plan
from .request import PlanRequest
from .travel import TravelModel

__all__ = ["SEASON_DATES", "CourseSet", "gini", "plan_courses"]

#: a representative Monday per season, used when no dates are given
SEASON_DATES = {
    "spring": dt.date(2027, 5, 10),
    "summer": dt.date(2027, 7, 12),
    "autumn": dt.date(2027, 10, 4),
    "winter": dt.date(2027, 2, 8),
}
_SHARED = ("workspace", "lodging", "gateway")
#: styles tried when the requested ones cannot be planned in an area
FALLBACK_STYLES = ("kyuka", "shisatsu")
#: a course that avoids earlier sights must keep this share of its solo score
MIN_RELATIVE = 0.6


def gini(values: Sequence[float]) -> float:
    """Gini coefficient of non-negative values (0 = perfectly even).

    Examples
    --------
    >>> gini([1, 1, 1, 1]), round(gini([0, 0, 0, 4]), 2)
    (0.0, 0.75)
    """
    xs = sorted(float(v) for v in values)
    n, total = len(xs), sum(xs)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum((i + 1) * x for i, x in enumerate(xs))
    return (2 * weighted) / (n * total) - (n + 1) / n


@dataclass(frozen=True)
class CourseSet(Sequence[Itinerary]):
    """``k`` model courses for one area with fairness figures.

    Attributes
    ----------
    area
        The area.
    courses
        The itineraries.
    solo_scores
        Each course's score when planned alone (same request, no diversity rules).
    uncovered
        Member towns no course visits, with the reason.

    Examples
    --------
    >>> from areatour import load_catalog
    >>> courses = plan_courses(load_catalog(), "nemuro", k=1, styles=("kyuka",),
    ...                        seasons=("summer",), days=2, time_limit=1, max_iterations=100)
    >>> len(courses), set(courses.fairness()) >= {"gini", "max_share", "visits_per_town"}
    (1, True)
    """

    area: Area
    courses: tuple[Itinerary, ...]
    solo_scores: tuple[float, ...]
    uncovered: dict[str, str] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()

    @overload
    def __getitem__(self, index: int) -> Itinerary: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Itinerary]: ...
    def __getitem__(self, index: int | slice) -> Itinerary | Sequence[Itinerary]:
        return self.courses[index]

    def __len__(self) -> int:
        return len(self.courses)

    def __iter__(self) -> Iterator[Itinerary]:
        return iter(self.courses)

    def visits_per_town(self) -> dict[str, int]:
        """Visits (and work stops) per member town over all courses."""
        counts: Counter[str] = Counter()
        for course in self.courses:
            counts.update(s.municipality_code for s in course.visits)
        return {code: counts.get(code, 0) for code in self.area.members}

    def fairness(self) -> dict[str, Any]:
        """Visits per town, the most-visited town's share, the Gini coefficient of visits
        over member towns, towns covered, repeated assets and each course's score
        relative to its solo optimum."""
        per_town = self.visits_per_town()
        total = sum(per_town.values())
        used: Counter[str] = Counter(
            s.asset_id for c in self.courses for s in c.visits if s.category not in _SHARED
        )
        return {
            "visits_per_town": per_town,
            "max_share": round(max(per_town.values()) / total, 3) if total else 0.0,
            "gini": round(gini(list(per_town.values())), 3),
            "towns_covered": sum(1 for v in per_town.values() if v),
            "towns": len(per_town),
            "repeated_assets": sorted(a for a, n in used.items() if n > 1),
            "relative_scores": [
                round(c.score / s, 3) if s > 0 else 1.0
                for c, s in zip(self.courses, self.solo_scores, strict=True)
            ],
            "uncovered": dict(self.uncovered),
            "skipped": list(self.skipped),
        }

    def to_html(
        self, *, lang: str = "ja", offline: bool = False, catalog: Catalog | None = None
    ) -> str:
        """A council report: one map with a layer per course, a table of courses and the
        fairness figures (every text escaped)."""
        from .maps import render_itinerary, to_html

        m = None
        for course in self.courses:
            m = render_itinerary(course, m=m, lang=lang, offline=offline, catalog=catalog)
        map_html = to_html(m, offline=offline) if m is not None else ""
        fair = self.fairness()
        en = lang == "en"
        rows = []
        for i, c in enumerate(self.courses, start=1):
            s = c.summary()
            request = c.request
            top = sorted(c.visits, key=lambda x: -x.score)[:3]
            rows.append(
                "<tr>"
                + "".join(
                    f"<td>{html.escape(str(v))}</td>"
                    for v in (
                        i,
                        request.get("style"),
                        request.get("start"),
                        s["days"],
                        s["towns"],
                        " / ".join(x.name(lang) for x in top),
                        s["work_hours"],
                        fair["relative_scores"][i - 1],
                    )
                )
                + "</tr>"
            )
        heads = (
            ["#", "style", "start", "days", "towns", "highlights", "work h", "vs solo"]
            if en
            else ["#", "スタイル", "開始日", "日数", "町数", "見どころ", "仕事時間", "単独比"]
        )
        per_town = "".join(
            f"<tr><td>{html.escape(code)}</td><td>{n}</td></tr>"
            for code, n in fair["visits_per_town"].items()
        )
        title = f"{self.area.name_en if en else self.area.name_ja} model courses"
        table = (
            "<table><tr>"
            + "".join(f"<th>{h}</th>" for h in heads)
            + "</tr>"
            + "".join(rows)
            + "</table>"
        )
        figures = (
            f"<p>max share {fair['max_share']}, Gini {fair['gini']}, towns covered "
            f"{fair['towns_covered']}/{fair['towns']}</p>"
        )
        uncovered = "".join(
            f"<li>{html.escape(c)}: {html.escape(r)}</li>" for c, r in self.uncovered.items()
        )
        report = f"<h1>{html.escape(title)}</h1>{table}{figures}<table>{per_town}</table>" + (
            f"<ul>{uncovered}</ul>" if uncovered else ""
        )
        return map_html.replace("<body>", f"<body><div class='areatour-report'>{report}</div>", 1)


def plan_courses(
    catalog: Catalog,
    area: str | Area,
    *,
    k: int = 3,
    styles: Sequence[str] = ("kyuka", "satellite", "kadai"),
    seasons: Sequence[str] = ("summer", "winter"),
    days: int = 3,
    seed: int = 0,
    time_limit: float = 2.0,
    max_iterations: int | None = None,
    travel: TravelModel | None = None,
) -> CourseSet:
    """Plan ``k`` courses that together cover the member towns (see the module docstring).

    Raises
    ------
    InfeasibleError
        When not a single course can be planned.

    Examples
    --------
    >>> from areatour import load_catalog
    >>> courses = plan_courses(load_catalog(), "nemuro", k=2, styles=("kyuka", "shisatsu"),
    ...                        seasons=("summer",), days=2, time_limit=1, max_iterations=100)
    >>> len(courses), courses.fairness()["towns"]
    (2, 5)
    """
    area = catalog.area(area)
    if k < 1:
        raise ValueError("k must be >= 1")
    if days > 1 and not catalog.area_assets(area, category="lodging") and catalog.gateways(area):
        # the catalog lists no hotels here: stay near the main gateway (documented)
        base_at = catalog.gateways(area)[0].id
    else:
        base_at = None
    with_assets = {
        a.municipality_code for a in catalog.area_assets(area) if a.category != "gateway"
    }
    uncovered = {
        code: "no assets in the catalog" for code in area.members if code not in with_assets
    }
    courses: list[Itinerary] = []
    solos: list[float] = []
    used: set[str] = set()
    covered: set[str] = set()
    skipped: list[str] = []
    kw = dict(
        catalog=catalog,
        time_limit=time_limit,
        seed=seed,
        max_iterations=max_iterations,
        travel=travel,
    )
    # the requested mix first, then every other combination, then the styles that need
    # no workspace, so that an infeasible style is replaced instead of losing a course
    wanted = [
        (styles[i % len(styles)], seasons[(i // len(styles)) % len(seasons)]) for i in range(k)
    ]
    others = [(st, se) for se in seasons for st in (*styles, *FALLBACK_STYLES)]
    combos = list(dict.fromkeys([*wanted, *others]))
    for style, season in combos:
        if len(courses) == k:
            break
        where: dict[str, Any] = (
            {"area": area.id} if area.id in catalog.areas else {"towns": area.members}
        )
        base = PlanRequest(
            **where, start=SEASON_DATES[season], days=days, style=style, base_at=base_at
        )
        try:
            solo = plan(base, **kw)  # type: ignore[arg-type]
        except InfeasibleError as exc:
            skipped.append(f"{style} in {season}: {exc}")
            continue
        avoid = tuple(sorted(a for a in used if catalog.asset(a).category not in _SHARED))
        todo = [c for c in area.members if c not in covered and c in with_assets]
        course = None
        while course is None:
            try:
                trial = replace(base, exclude=avoid, required_towns=tuple(todo[:days]))
                course = plan(trial, **kw)  # type: ignore[arg-type]
            except InfeasibleError:
                if todo:
                    todo = todo[1:]
                elif avoid:
                    avoid = ()
                else:
                    course = solo
        if avoid and course.score < MIN_RELATIVE * solo.score:
            # avoiding every earlier sight left too little: allow repeats, keep coverage
            try:
                repeat = plan(replace(base, required_towns=tuple(todo[:days])), **kw)  # type: ignore[arg-type]
            except InfeasibleError:
                repeat = solo
            course = max(course, repeat, key=lambda c: c.score)
        courses.append(course)
        solos.append(solo.score)
        used.update(s.asset_id for s in course.visits)
        covered.update(s.municipality_code for s in course.visits)
    if not courses:
        raise InfeasibleError(f"no course could be planned in {area.id}", constraint="courses")
    for code in area.members:
        if code not in covered and code not in uncovered:
            uncovered[code] = "no course could include it within the daily limits"
    return CourseSet(area, tuple(courses), tuple(solos), uncovered, tuple(skipped))
