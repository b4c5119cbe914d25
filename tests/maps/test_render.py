"""render_itinerary / render_area: layers, markers, legend and bounds in the rendered HTML."""

from __future__ import annotations

import re

import folium
import pytest

from areatour.errors import ValidationError
from areatour.maps import complementarity_view, day_route, render_area, render_itinerary, to_html


def _html(m: folium.Map) -> str:
    return to_html(m, offline=False)


def test_returns_a_map_and_one_layer_per_day(itinerary, catalog):
    m = render_itinerary(itinerary, catalog=catalog, lang="en")
    assert isinstance(m, folium.Map)
    html = _html(m)
    for n, day in enumerate(itinerary.days, start=1):
        assert f'"Day {n} {day.date.isoformat()}"' in html  # a LayerControl entry per day
    assert "L.control.layers" in html


def test_every_stop_has_a_marker_and_every_day_a_route(itinerary, catalog):
    html = _html(render_itinerary(itinerary, catalog=catalog))
    assert html.count("areatour-stop areatour-shape") == len(itinerary.stops)
    assert html.count('"className": "areatour-route"') == len(itinerary.days)


def test_kinds_have_distinct_shapes(itinerary, catalog):
    html = _html(render_itinerary(itinerary, catalog=catalog))
    shapes = {
        kind: set(re.findall(rf"areatour-shape-(\w+) areatour-kind-{kind}", html))
        for kind in ("visit", "work", "lodging", "gateway")
    }
    assert all(len(s) == 1 for s in shapes.values()), shapes
    assert len({next(iter(s)) for s in shapes.values()}) == 4


def test_visits_are_numbered_in_order_within_each_day(itinerary, catalog):
    html = _html(render_itinerary(itinerary, catalog=catalog))
    labels = re.findall(r"data-day=\\\"(\d)\\\".*?\\u003cspan\\u003e(\w+)", html)
    by_day: dict[str, list[str]] = {}
    for day, label in labels:
        by_day.setdefault(day, []).append(label)
    assert by_day["1"] == ["G", "1", "2", "3", "H"]
    assert by_day["2"] == ["H", "1", "2", "3", "4", "H"]
    assert by_day["3"] == ["H", "1", "2", "G"]


def test_route_follows_leg_path_when_known(itinerary):
    day = itinerary.days[0]
    route = day_route(day)
    assert route[1] == day.legs[0].path[1]  # the path's middle point
    assert route[0] == (day.stops[0].lat, day.stops[0].lon)
    assert route[-1] == (day.stops[-1].lat, day.stops[-1].lon)
    assert len(route) == len(day.stops) + 1


def test_popup_has_time_names_category_cost_and_link(itinerary, catalog):
    html = _html(render_itinerary(itinerary, catalog=catalog, lang="en"))
    stop = itinerary.days[0].stops[1]
    assert stop.name_en in html and stop.name_ja in html
    assert "10:09" in html  # departure time of the stop
    assert "Sight" in html  # category label from the catalog
    assert "\\u00a5500" in html or "¥500" in html
    assert "Official site" in html


def test_member_towns_and_legend(itinerary, catalog):
    html = _html(render_itinerary(itinerary, catalog=catalog, lang="en"))
    assert html.count("areatour-town\\") == len(itinerary.members)
    assert "areatour-legend" in html
    assert "Day routes" in html and "Onsen &amp; baths" in html


def test_fitted_to_the_plan(itinerary, catalog):
    html = _html(render_itinerary(itinerary, catalog=catalog))
    bounds = re.search(r"fitBounds\(\s*\[\[([\d.]+), ([\d.]+)\], \[([\d.]+), ([\d.]+)\]\]", html)
    assert bounds is not None
    lat0, lon0, lat1, lon1 = map(float, bounds.groups())
    lats = [s.lat for s in itinerary.stops]
    lons = [s.lon for s in itinerary.stops]
    assert lat0 <= min(lats) and lat1 >= max(lats) and lon0 <= min(lons) and lon1 >= max(lons)


def test_draws_on_a_given_map(itinerary, catalog):
    m = folium.Map(tiles=None)
    assert render_itinerary(itinerary, catalog=catalog, m=m) is m


def test_boundaries_are_drawn_as_polygons(itinerary, catalog):
    import geopandas as gpd
    from shapely.geometry import box

    towns = catalog.municipalities_gdf("nemuro")
    polys = gpd.GeoDataFrame(
        {"code": towns["code"]},
        geometry=[
            box(x - 0.05, y - 0.05, x + 0.05, y + 0.05)
            for x, y in zip(towns.lon, towns.lat, strict=True)
        ],
        crs="EPSG:4326",
    )
    html = _html(render_itinerary(itinerary, catalog=catalog, boundaries=polys))
    assert html.count('"className": "areatour-town-area"') == len(towns)


def test_rejects_unknown_language(itinerary, catalog):
    with pytest.raises(ValidationError, match="lang"):
        render_itinerary(itinerary, catalog=catalog, lang="fr")


def test_writes_nothing(itinerary, catalog, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    render_itinerary(itinerary, catalog=catalog)
    render_area(catalog, "nemuro")
    assert list(tmp_path.iterdir()) == []


def test_area_map_has_every_asset_by_category(catalog):
    html = _html(render_area(catalog, "naka-sorachi", lang="en", cluster=False))
    assets = catalog.area_assets("naka-sorachi")
    assert html.count("areatour-asset\\") == len(assets)
    for cat in {a.category for a in assets}:
        label = catalog.categories[cat].label_en.replace("&", "\\u0026amp;")
        assert f"Assets: {label} (" in html
    assert "Complementarity" in html


def test_area_map_clusters_when_many(catalog):
    html = _html(render_area(catalog, "naka-sorachi", cluster_threshold=5))
    assert "L.markerClusterGroup(" in html
    html = _html(render_area(catalog, "naka-sorachi", cluster=False))
    assert "L.markerClusterGroup(" not in html


def test_complementarity_view_picks_a_category_only_this_town_has(catalog):
    view = complementarity_view(catalog, "naka-sorachi")
    assert list(view.index) == list(catalog.area("naka-sorachi").members)
    for row in view.itertuples():
        if row.category:
            assert row.count >= 1
            assert row.score == pytest.approx(row.count / (1 + row.others))
    # each town's category is the one with the highest count / (1 + others), recomputed here
    from collections import Counter

    from areatour.maps.area_map import _NOT_CONTRIBUTIONS

    members = catalog.area("naka-sorachi").members
    held = {
        code: Counter(
            a.category for a in catalog.assets_in(code) if a.category not in _NOT_CONTRIBUTIONS
        )
        for code in members
    }
    total = sum(held.values(), Counter())
    for code in members:
        if not held[code]:
            assert view.loc[code, "category"] == ""
            continue
        scores = {c: n / (1 + total[c] - n) for c, n in held[code].items()}
        assert view.loc[code, "score"] == pytest.approx(max(scores.values()))
        assert scores[view.loc[code, "category"]] == pytest.approx(max(scores.values()))


def test_complementarity_colours_each_town(catalog):
    html = _html(render_area(catalog, "nemuro"))
    assert html.count('"className": "areatour-complement"') == len(catalog.area("nemuro"))


def test_several_plans_share_one_map(itinerary, catalog):
    import dataclasses

    shifted = dataclasses.replace(
        itinerary,
        days=tuple(
            dataclasses.replace(
                d, stops=tuple(dataclasses.replace(s, lat=s.lat + 1) for s in d.stops)
            )
            for d in itinerary.days
        ),
    )
    m = render_itinerary(itinerary, catalog=catalog, title="A", lang="en")
    render_itinerary(shifted, catalog=catalog, m=m, title="B", towns=False, lang="en")
    render_area(catalog, "nemuro", m=m, lang="en")
    html = _html(m)
    assert html.count("L.control.layers(") == 1
    assert html.count("class='areatour-legend'") == 1
    assert '"A \\u00b7 Day 1 ' in html or '"A · Day 1 ' in html
    assert html.count("fitBounds(") == 1
    bounds = re.search(r"fitBounds\(\s*\[\[([\d.]+), [\d.]+\], \[([\d.]+), [\d.]+\]\]", html)
    assert bounds is not None
    assert float(bounds.group(2)) >= max(s.lat for s in shifted.stops)
    assert float(bounds.group(1)) <= min(s.lat for s in itinerary.stops)
