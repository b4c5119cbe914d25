"""Draw an :class:`~areatour.itinerary.Itinerary` as a folium map, one layer per day."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import add_layer_control, add_legend, add_towns, check_lang, fit, new_map, stop_icon
from .elements import Bindings, MarkerBatch
from .popups import esc, stop_popup, stop_tooltip
from .style import day_color, kind_glyph, text

if TYPE_CHECKING:
    import folium
    import geopandas as gpd

    from ..catalog import Catalog
    from ..itinerary import DayPlan, Itinerary

__all__ = ["day_route", "render_itinerary"]


def day_route(day: DayPlan) -> list[tuple[float, float]]:
    """The ``(lat, lon)`` points of a day's route: along ``leg.path`` where known, else
    straight from stop to stop."""
    where = {s.asset_id: (s.lat, s.lon) for s in day.stops}
    points: list[tuple[float, float]] = []
    for leg in day.legs:
        segment = list(leg.path) or [where[leg.from_id], where[leg.to_id]]
        if points and points[-1] == segment[0]:
            segment = segment[1:]
        points.extend(segment)
    return points


def _add_day(group: Any, day: DayPlan, n: int, *, lang: str, catalog: Catalog | None) -> None:
    import folium

    route = day_route(day)
    if len(route) >= 2:
        line = folium.PolyLine(
            route, color=day_color(n), weight=4, opacity=0.85, class_name="areatour-route"
        )
        summary = text("driving", lang, km=f"{day.km:.0f}", minutes=f"{day.driving_minutes:.0f}")
        line.add_child(Bindings(tooltip_html=esc(f"{text('route', lang, n=n)} · {summary}")))
        line.add_to(group)
    number = 0
    markers = []
    for stop in day.stops:
        glyph = kind_glyph(stop.kind)
        if glyph is None:
            number += 1
        shown = number if glyph is None else None
        icon = stop_icon(
            kind=stop.kind,
            category=stop.category,
            day=n,
            label=glyph if glyph is not None else str(number),
        )
        markers.append(
            {
                "lat": stop.lat,
                "lon": stop.lon,
                "icon": icon,
                "size": 24,
                "popup": stop_popup(stop, day=n, number=shown, lang=lang, catalog=catalog),
                "tooltip": stop_tooltip(stop, number=shown, lang=lang),
            }
        )
    group.add_child(MarkerBatch(markers))


def render_itinerary(
    itinerary: Itinerary,
    *,
    catalog: Catalog | None = None,
    m: folium.Map | None = None,
    lang: str = "ja",
    tiles: str | None = "OpenStreetMap",
    offline: bool = False,
    boundaries: gpd.GeoDataFrame | None = None,
    title: str = "",
    towns: bool = True,
) -> folium.Map:
    """Draw an itinerary: one toggleable layer per day with its route and numbered stops.

    Parameters
    ----------
    itinerary
        The plan to draw.
    catalog
        Catalog for category labels and the member towns' seats (default: the
        embedded catalog).
    m
        An existing map to draw on; a new one is made when ``None``.
    lang
        ``"ja"`` or ``"en"``: the language of names, labels and the legend.
    tiles
        Tile layer of a new map (any folium ``tiles`` name); ignored when ``offline``.
    offline
        Draw without tiles (a blank background) so that :func:`~areatour.maps.to_html`
        can make a single file that needs no network.
    boundaries
        Municipality polygons (a ``code`` column or a code index); member towns are
        drawn as polygons when given, else as seat markers.
    title
        Put before each day's layer name (e.g. ``"Course 2"``) when several plans
        share one map.
    towns
        Draw the member towns (turn off for the second and later plans on a map).

    Returns
    -------
    folium.Map
        The map; nothing is written. Save it with :func:`areatour.maps.to_html`.

    Notes
    -----
    Stops are DivIcons (no image files): visits and work blocks carry their
    visit number within the day; lodging shows ``H`` in a square and gateways
    ``G`` in a diamond. Fill colour is the category, border colour the day.

    Examples
    --------
    >>> from areatour.maps import render_itinerary, to_html
    >>> m = render_itinerary(itinerary, lang="en")  # doctest: +SKIP
    >>> html = to_html(m, offline=False)  # doctest: +SKIP
    """
    import folium

    from ..catalog import load_catalog

    check_lang(lang)
    catalog = catalog if catalog is not None else load_catalog()
    if m is None:
        m = new_map(tiles=tiles, offline=offline)
    members = list(itinerary.members) or list(itinerary.towns_visited())
    if towns:
        add_towns(m, catalog, members, lang=lang, boundaries=boundaries)
    for n, day in enumerate(itinerary.days, start=1):
        name = f"{text('day', lang, n=n)} {day.date.isoformat()}"
        name = f"{title} · {name}" if title else name
        group = folium.FeatureGroup(name=esc(name), show=True)
        _add_day(group, day, n, lang=lang, catalog=catalog)
        group.add_to(m)
    add_layer_control(m)
    add_legend(
        m,
        lang=lang,
        categories=[s.category for s in itinerary.stops],
        kinds=[s.kind for s in itinerary.stops],
        days=len(itinerary.days),
        catalog=catalog,
    )
    points = [(s.lat, s.lon) for s in itinerary.stops]
    points += [p for day in itinerary.days for leg in day.legs for p in leg.path]
    fit(m, points)
    return m
