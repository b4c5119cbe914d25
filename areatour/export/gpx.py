"""An itinerary as GPX: a waypoint per stop and a route per day."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..maps.style import text

if TYPE_CHECKING:
    from ..itinerary import Itinerary

__all__ = ["to_gpx"]


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=ZoneInfo("Asia/Tokyo")).astimezone(dt.UTC)


def to_gpx(itinerary: Itinerary, *, lang: str = "ja") -> str:
    """Waypoints (one per stop, with arrival time) and one route per day as GPX 1.1 text.

    A day's route runs through its stops and, where a leg's road path is known,
    the path points between them.

    Examples
    --------
    >>> import gpxpy
    >>> gpx = gpxpy.parse(to_gpx(itinerary))  # doctest: +SKIP
    >>> len(gpx.routes) == len(itinerary.days)  # doctest: +SKIP
    True
    """
    import gpxpy.gpx

    gpx = gpxpy.gpx.GPX()
    gpx.creator = "areatour"
    gpx.name = f"{itinerary.area_id} {text('schedule', lang)}"
    for day_no, day in enumerate(itinerary.days, start=1):
        route = gpxpy.gpx.GPXRoute(
            name=f"{text('day', lang, n=day_no)} {day.date.isoformat()}", number=day_no
        )
        for order, stop in enumerate(day.stops):
            name = stop.name(lang) or stop.name_ja
            gpx.waypoints.append(
                gpxpy.gpx.GPXWaypoint(
                    stop.lat,
                    stop.lon,
                    time=_utc(stop.arrive),
                    name=name,
                    description=f"{text('day', lang, n=day_no)} #{order + 1} {stop.start:%H:%M}",
                    type=stop.kind,
                    symbol=stop.category,
                )
            )
            if order > 0:
                leg = day.legs[order - 1] if order - 1 < len(day.legs) else None
                for lat, lon in leg.path[1:-1] if leg is not None else ():
                    route.points.append(gpxpy.gpx.GPXRoutePoint(lat, lon))
            route.points.append(
                gpxpy.gpx.GPXRoutePoint(stop.lat, stop.lon, name=name, time=_utc(stop.arrive))
            )
        gpx.routes.append(route)
    return str(gpx.to_xml(version="1.1"))
