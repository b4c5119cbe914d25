"""The immutable result of planning: an :class:`Itinerary` of day plans, stops and legs.

Times are local (Asia/Tokyo) naive datetimes; JSON holds them as ISO 8601 strings.
``to_dict()``/``from_dict()`` and ``to_json()``/``from_json()`` are lossless.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from .catalog import Catalog
    from .travel import TravelModel

__all__ = ["STOP_KINDS", "DayPlan", "Itinerary", "Leg", "Stop"]

#: what a stop is for: start/end of the trip, a visit, a work block, the night's lodging
STOP_KINDS = ("gateway", "visit", "work", "lodging")
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Stop:
    """One stop of a day.

    Attributes
    ----------
    asset_id, name_ja, name_en, municipality_code, category
        The asset visited and where it is.
    kind
        ``"gateway"``, ``"visit"``, ``"work"`` (a required block such as daily
        work, a team activity or a local-business session) or ``"lodging"``.
    lat, lon
        Position (WGS84).
    arrive, start, depart
        Arrival, start of the visit (after any wait for opening) and departure.
    score
        What this stop added to the objective (0 for gateways and repeats).
    label
        The block's label for ``work`` stops (e.g. ``"work"``, ``"session"``).
    cost_jpy, url
        Price per person when known, and the official page.

    Examples
    --------
    >>> import areatour
    >>> req = areatour.PlanRequest(area="nemuro", start="2027-07-12", days=2)
    >>> stop = areatour.plan(req, time_limit=1, max_iterations=100).days[0].stops[1]
    >>> stop.kind in ("visit", "work"), stop.start <= stop.depart
    (True, True)
    """

    asset_id: str
    name_ja: str
    name_en: str
    municipality_code: str
    category: str
    kind: str
    lat: float
    lon: float
    arrive: dt.datetime
    start: dt.datetime
    depart: dt.datetime
    score: float = 0.0
    label: str = ""
    cost_jpy: int | None = None
    url: str = ""

    @property
    def minutes(self) -> float:
        """Length of the stay from start to departure, in minutes."""
        return (self.depart - self.start).total_seconds() / 60

    def name(self, lang: str = "ja") -> str:
        """The name in ``lang``."""
        return self.name_en if lang == "en" else self.name_ja


@dataclass(frozen=True)
class Leg:
    """Travel between two consecutive stops.

    ``path`` holds ``(lat, lon)`` points along the road when the travel model
    knows them; otherwise it is the straight segment between the stops.

    Examples
    --------
    >>> import areatour
    >>> req = areatour.PlanRequest(area="nemuro", start="2027-07-12", days=2)
    >>> leg = areatour.plan(req, time_limit=1, max_iterations=100).days[0].legs[0]
    >>> leg.minutes > 0 and leg.arrive > leg.depart
    True
    """

    from_id: str
    to_id: str
    minutes: float
    km: float
    depart: dt.datetime
    arrive: dt.datetime
    path: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True)
class DayPlan:
    """One day: its ordered stops, the legs between them and the night's lodging.

    Examples
    --------
    >>> import areatour
    >>> req = areatour.PlanRequest(area="nemuro", start="2027-07-12", days=2)
    >>> day = areatour.plan(req, time_limit=1, max_iterations=100).days[0]
    >>> day.stops[0].kind, len(day.legs) == len(day.stops) - 1
    ('gateway', True)
    """

    date: dt.date
    stops: tuple[Stop, ...]
    legs: tuple[Leg, ...]
    lodging: str | None = None

    @property
    def driving_minutes(self) -> float:
        """Total travel minutes of the day."""
        return sum(leg.minutes for leg in self.legs)

    @property
    def km(self) -> float:
        """Total travel distance of the day."""
        return sum(leg.km for leg in self.legs)

    @property
    def work_minutes(self) -> float:
        """Minutes spent in ``work`` stops labelled ``work``."""
        return sum(s.minutes for s in self.stops if s.kind == "work" and s.label == "work")


def _iso(value: dt.date | dt.datetime) -> str:
    return value.isoformat()


@dataclass(frozen=True)
class Itinerary:
    """A planned multi-day trip.

    Attributes
    ----------
    request
        The request as a JSON-compatible dict (see ``PlanRequest.to_dict``).
    days
        The day plans in order.
    score
        The objective value the solver reported; ``breakdown`` splits it.
    area_id, members
        The area planned for and its member towns.
    seed, stats
        The solver seed and statistics (iterations, seconds, ...).

    Examples
    --------
    >>> import areatour
    >>> req = areatour.PlanRequest(area="nemuro", start="2027-07-12", days=2)
    >>> it = areatour.plan(req, time_limit=1, max_iterations=100)
    >>> Itinerary.from_json(it.to_json()) == it
    True
    >>> it.summary()["days"], it.days[0].lodging is not None
    (2, True)
    """

    request: Mapping[str, Any]
    days: tuple[DayPlan, ...]
    score: float
    breakdown: Mapping[str, float] = field(default_factory=dict)
    area_id: str = ""
    members: tuple[str, ...] = ()
    seed: int = 0
    stats: Mapping[str, Any] = field(default_factory=dict)

    # ----------------------------------------------------------------- figures
    @property
    def stops(self) -> tuple[Stop, ...]:
        """Every stop of every day, in order."""
        return tuple(s for d in self.days for s in d.stops)

    @property
    def visits(self) -> tuple[Stop, ...]:
        """Stops that are visits or work blocks (not gateways or lodging)."""
        return tuple(s for s in self.stops if s.kind in ("visit", "work"))

    def towns_visited(self) -> tuple[str, ...]:
        """Municipality codes of visits and work stops, in order of first appearance."""
        towns = [s.municipality_code for s in self.visits]
        return tuple(dict.fromkeys(towns))

    def visits_per_town(self) -> dict[str, int]:
        """Number of visits and work stops per member town (0 for towns not visited)."""
        counts = Counter(s.municipality_code for s in self.visits)
        codes = list(self.members) + [c for c in counts if c not in self.members]
        return {code: counts.get(code, 0) for code in codes}

    def summary(self) -> dict[str, Any]:
        """Key figures: days, stops, towns, categories, driving and work time, score."""
        return {
            "area": self.area_id,
            "days": len(self.days),
            "visits": len(self.visits),
            "towns": len(self.towns_visited()),
            "categories": sorted({s.category for s in self.visits}),
            "driving_minutes": round(sum(d.driving_minutes for d in self.days), 1),
            "km": round(sum(d.km for d in self.days), 1),
            "work_hours": round(sum(d.work_minutes for d in self.days) / 60, 2),
            "score": round(self.score, 3),
            "seed": self.seed,
        }

    def __str__(self) -> str:
        return self.format()

    def format(self, lang: str = "ja") -> str:
        """A readable day-by-day schedule."""
        lines = [
            f"{self.area_id}: {len(self.days)} days, {len(self.visits)} stops in "
            f"{len(self.towns_visited())} towns, score {self.score:.2f}"
        ]
        if self.stats.get("relaxed"):
            lines.append(f"note: {self.stats['relaxed']}")
        for message in self.stats.get("dropped_optional_blocks", ()):
            lines.append(f"note: optional block dropped: {message}")
        for i, day in enumerate(self.days, start=1):
            lines.append(
                f"Day {i} {day.date.isoformat()} ({day.date.strftime('%a')}), "
                f"driving {day.driving_minutes:.0f} min"
            )
            for stop in day.stops:
                span = f"{stop.start:%H:%M}-{stop.depart:%H:%M}"
                if stop is day.stops[0]:
                    span = f"{stop.depart:%H:%M}"
                elif stop is day.stops[-1]:
                    span = f"{stop.arrive:%H:%M}"
                extra = f" [{stop.label}]" if stop.kind == "work" else ""
                lines.append(
                    f"  {span:>11}  {stop.kind:<8} {stop.name(lang)} "
                    f"({stop.category}, {stop.municipality_code}){extra}"
                )
            if day.lodging:
                lines.append(f"  {'night':>11}  lodging  {day.lodging}")
        return "\n".join(lines)

    def check(self, catalog: Catalog | None = None, travel: TravelModel | None = None) -> bool:
        """Re-verify every constraint from the catalog and the travel model.

        Independent of the solver; see :func:`areatour.checker.check_itinerary`.

        Raises
        ------
        ValidationError
            Listing every violation found.
        """
        from .checker import check_itinerary

        return check_itinerary(self, catalog, travel)

    # ------------------------------------------------------------------ tables
    def to_dataframe(self) -> pd.DataFrame:
        """One row per stop with day, times, asset, town, category, kind and position."""
        import pandas as pd

        rows = []
        for i, day in enumerate(self.days, start=1):
            for order, stop in enumerate(day.stops):
                row = asdict(stop)
                row.update(day=i, date=day.date, order=order, minutes=stop.minutes)
                rows.append(row)
        columns = [
            "day",
            "date",
            "order",
            "arrive",
            "start",
            "depart",
            "minutes",
            "kind",
            "asset_id",
            "name_ja",
            "name_en",
            "municipality_code",
            "category",
            "label",
            "score",
            "cost_jpy",
            "url",
            "lat",
            "lon",
        ]
        return pd.DataFrame(rows, columns=columns)

    def stops_gdf(self) -> gpd.GeoDataFrame:
        """Stops as Points (EPSG:4326) with the columns of :meth:`to_dataframe`."""
        import geopandas as gpd

        frame = self.to_dataframe()
        return gpd.GeoDataFrame(
            frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326"
        )

    def legs_gdf(self) -> gpd.GeoDataFrame:
        """Legs as LineStrings (EPSG:4326): day, from, to, minutes, km, depart, arrive."""
        import geopandas as gpd
        from shapely.geometry import LineString

        rows, geoms = [], []
        for i, day in enumerate(self.days, start=1):
            points = {s.asset_id: (s.lon, s.lat) for s in day.stops}
            for order, leg in enumerate(day.legs):
                rows.append(
                    {
                        "day": i,
                        "date": day.date,
                        "order": order,
                        "from": leg.from_id,
                        "to": leg.to_id,
                        "minutes": leg.minutes,
                        "km": leg.km,
                        "depart": leg.depart,
                        "arrive": leg.arrive,
                    }
                )
                coords = [(lon, lat) for lat, lon in leg.path] or [
                    points[leg.from_id],
                    points[leg.to_id],
                ]
                if len(coords) == 1:
                    coords = coords * 2
                geoms.append(LineString(coords))
        columns = ["day", "date", "order", "from", "to", "minutes", "km", "depart", "arrive"]
        return gpd.GeoDataFrame(rows, columns=columns, geometry=geoms, crs="EPSG:4326")

    # ------------------------------------------------------------- round trips
    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict; :meth:`from_dict` restores an equal itinerary."""
        days = []
        for day in self.days:
            stops = []
            for s in day.stops:
                d = asdict(s)
                for key in ("arrive", "start", "depart"):
                    d[key] = _iso(d[key])
                stops.append(d)
            legs = []
            for leg in day.legs:
                legs.append(
                    {
                        "from": leg.from_id,
                        "to": leg.to_id,
                        "minutes": leg.minutes,
                        "km": leg.km,
                        "depart": _iso(leg.depart),
                        "arrive": _iso(leg.arrive),
                        "path": [list(p) for p in leg.path],
                    }
                )
            days.append(
                {"date": _iso(day.date), "lodging": day.lodging, "stops": stops, "legs": legs}
            )
        return {
            "format": "areatour-itinerary",
            "version": FORMAT_VERSION,
            "request": dict(self.request),
            "area_id": self.area_id,
            "members": list(self.members),
            "score": self.score,
            "breakdown": dict(self.breakdown),
            "seed": self.seed,
            "stats": dict(self.stats),
            "days": days,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Itinerary:
        """Rebuild an itinerary from :meth:`to_dict` output.

        Raises
        ------
        ValueError
            When the dict is not an areatour itinerary or a field is malformed.
        """
        if data.get("format") != "areatour-itinerary":
            raise ValueError("not an areatour itinerary (missing format marker)")
        try:
            days = []
            for d in data["days"]:
                stops = tuple(
                    Stop(
                        **{
                            **s,
                            **{
                                k: dt.datetime.fromisoformat(s[k])
                                for k in ("arrive", "start", "depart")
                            },
                        }
                    )
                    for s in d["stops"]
                )
                legs = tuple(
                    Leg(
                        leg["from"],
                        leg["to"],
                        leg["minutes"],
                        leg["km"],
                        dt.datetime.fromisoformat(leg["depart"]),
                        dt.datetime.fromisoformat(leg["arrive"]),
                        tuple((float(p[0]), float(p[1])) for p in leg.get("path", ())),
                    )
                    for leg in d["legs"]
                )
                days.append(DayPlan(dt.date.fromisoformat(d["date"]), stops, legs, d["lodging"]))
            return cls(
                request=data["request"],
                days=tuple(days),
                score=float(data["score"]),
                breakdown=data.get("breakdown", {}),
                area_id=data.get("area_id", ""),
                members=tuple(data.get("members", ())),
                seed=int(data.get("seed", 0)),
                stats=data.get("stats", {}),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"malformed itinerary: {exc!r}") from None

    def to_json(self, *, indent: int | None = 2) -> str:
        """The itinerary as JSON text (UTF-8, Japanese kept readable)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Itinerary:
        """Rebuild an itinerary from :meth:`to_json` output."""
        return cls.from_dict(json.loads(text))
