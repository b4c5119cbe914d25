"""The pieces every areatour map shares: the base map, towns, icons, legend and bounds."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError
from .elements import Bindings, HtmlOverlay, MarkerBatch
from .popups import esc, town_tooltip
from .style import LANGS, category_color, category_label, day_color, kind_shape, text

if TYPE_CHECKING:
    import folium
    import geopandas as gpd

    from ..catalog import Catalog

__all__ = [
    "CSS",
    "add_layer_control",
    "add_legend",
    "add_towns",
    "asset_icon",
    "check_lang",
    "fit",
    "new_map",
    "stop_icon",
]

#: style rules of every areatour map (markers, shapes, legend, blank background)
CSS = """
.areatour-icon { background: none; border: none; }
.areatour-stop { width: 24px; height: 24px; box-sizing: border-box; border: 3px solid #fff;
  color: #fff; font: bold 12px/18px sans-serif; text-align: center;
  box-shadow: 0 0 3px rgba(0,0,0,.7); }
.areatour-shape-circle { border-radius: 50%; }
.areatour-shape-rounded { border-radius: 6px; }
.areatour-shape-square { border-radius: 0; border-style: double; border-width: 5px;
  line-height: 14px; }
.areatour-shape-diamond { transform: rotate(45deg); }
.areatour-shape-diamond > span { display: inline-block; transform: rotate(-45deg); }
.areatour-asset { width: 14px; height: 14px; box-sizing: border-box; border-radius: 50%;
  border: 2px solid #fff; box-shadow: 0 0 2px rgba(0,0,0,.7); }
.areatour-town { width: 12px; height: 12px; box-sizing: border-box; border: 3px solid #333;
  background: #fff; border-radius: 2px; }
.areatour-legend { position: fixed; bottom: 28px; right: 10px; z-index: 1000;
  background: rgba(255,255,255,.93); padding: 6px 10px; font: 12px/1.5 sans-serif;
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.4); max-height: 55%; overflow: auto; }
.areatour-legend .areatour-shape-rounded { border-radius: 3px; }
.areatour-legend .areatour-shape-diamond { transform: rotate(45deg) scale(.8); }
.areatour-legend h4 { margin: 4px 0 2px; font-size: 12px; }
.areatour-legend .sw { display: inline-block; width: 12px; height: 12px; margin-right: 5px;
  vertical-align: middle; }
.areatour-legend .ln { display: inline-block; width: 22px; height: 4px; margin-right: 5px;
  vertical-align: middle; }
.areatour-offline .leaflet-container, .leaflet-container.areatour-blank { background: #eef0ea; }
"""


def check_lang(lang: str) -> None:
    """Raise :class:`ValidationError` unless ``lang`` is ``"ja"`` or ``"en"``."""
    if lang not in LANGS:
        raise ValidationError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")


def new_map(*, tiles: str | None, offline: bool) -> folium.Map:
    """An empty map with areatour's CSS; no tiles when ``offline`` (a blank background)."""
    import folium

    m = folium.Map(
        location=(43.5, 143.0), zoom_start=7, tiles=None if offline else tiles, control_scale=True
    )
    if offline or not tiles:
        # without a tile layer Leaflet knows no zoom range, and marker clusters need one
        m.options.setdefault("max_zoom", 18)
    css = CSS + (".leaflet-container { background: #eef0ea; }" if offline or not tiles else "")
    m.get_root().add_child(HtmlOverlay("", css=css))
    return m


def stop_icon(*, kind: str, category: str, day: int, label: str) -> str:
    """HTML of a numbered stop icon: fill by category, border by day colour, shape by kind."""
    shape = kind_shape(kind)
    return (
        f'<div class="areatour-stop areatour-shape-{esc(shape)} areatour-kind-{esc(kind)}" '
        f'data-day="{day}" style="background:{esc(category_color(category))};'
        f'border-color:{esc(day_color(day))}"><span>{esc(label)}</span></div>'
    )


def asset_icon(category: str) -> str:
    """HTML of a small dot icon in the category's colour."""
    return (
        f'<div class="areatour-asset" data-category="{esc(category)}" '
        f'style="background:{esc(category_color(category))}"></div>'
    )


def _boundary_lookup(boundaries: gpd.GeoDataFrame) -> dict[str, Any]:
    frame = boundaries.to_crs("EPSG:4326") if boundaries.crs is not None else boundaries
    if "code" in frame.columns:
        codes: Iterable[Any] = frame["code"]
    else:
        codes = frame.index
    lookup: dict[str, Any] = {}
    for code, geom in zip(codes, frame.geometry, strict=True):
        if geom is None or geom.is_empty:
            continue
        key = str(code).zfill(5)[:5]
        lookup[key] = geom if key not in lookup else lookup[key].union(geom)
    return lookup


def add_towns(
    parent: Any,
    catalog: Catalog,
    codes: Sequence[str],
    *,
    lang: str,
    boundaries: gpd.GeoDataFrame | None = None,
) -> folium.FeatureGroup:
    """Add a layer of the member towns: polygons from ``boundaries`` or seat markers."""
    import folium
    from shapely.geometry import mapping

    polygons = _boundary_lookup(boundaries) if boundaries is not None else {}
    name = text("town_areas" if polygons else "towns", lang)
    group = folium.FeatureGroup(name=esc(name), show=True)
    group.add_to(parent)
    seats: list[dict[str, Any]] = []
    for code in codes:
        town = catalog.municipalities.get(code)
        if town is None:
            continue
        geom = polygons.get(code)
        if geom is not None:
            simple = geom.simplify(0.0005, preserve_topology=True)
            layer = folium.GeoJson(
                {"type": "Feature", "geometry": mapping(simple), "properties": {}},
                style_function=lambda _f: {
                    "color": "#444",
                    "weight": 1.5,
                    "fillColor": "#888",
                    "fillOpacity": 0.06,
                    "className": "areatour-town-area",
                },
                highlight_function=None,
                zoom_on_click=False,
            )
            layer.add_child(Bindings(tooltip_html=town_tooltip(town, lang)))
            layer.add_to(group)
        seats.append(
            {
                "lat": town.lat,
                "lon": town.lon,
                "icon": '<div class="areatour-town"></div>',
                "size": 12,
                "tooltip": town_tooltip(town, lang),
            }
        )
    group.add_child(MarkerBatch(seats))
    return group


def _legend_html(spec: dict[str, Any], lang: str, catalog: Catalog | None) -> str:
    parts = [f"<div class='areatour-legend'><b>{esc(text('legend', lang))}</b>"]
    if spec["categories"]:
        parts.append(f"<h4>{esc(text('categories', lang))}</h4>")
        for cat in spec["categories"]:
            parts.append(
                f"<div><span class='sw' style='border-radius:50%;background:"
                f"{esc(category_color(cat))}'></span>"
                f"{esc(category_label(cat, lang, catalog))}</div>"
            )
    if spec["kinds"]:
        parts.append(f"<h4>{esc(text('kinds', lang))}</h4>")
        for kind in spec["kinds"]:
            parts.append(
                f"<div><span class='sw areatour-shape-{esc(kind_shape(kind))}' style='"
                f"background:#999;border:1px solid #333'></span>{esc(text(kind, lang))}</div>"
            )
    if spec["days"]:
        parts.append(f"<h4>{esc(text('day_colors', lang))}</h4>")
        for day in range(1, spec["days"] + 1):
            parts.append(
                f"<div><span class='ln' style='background:{esc(day_color(day))}'></span>"
                f"{esc(text('day', lang, n=day))}</div>"
            )
    parts.append("</div>")
    return "".join(parts)


def add_legend(
    m: folium.Map,
    *,
    lang: str,
    categories: Iterable[str] = (),
    kinds: Iterable[str] = (),
    days: int = 0,
    catalog: Catalog | None = None,
) -> None:
    """Add a fixed legend (category colours, stop-kind shapes, day colours) to the page.

    A map drawn on twice (an itinerary, then an area) keeps one legend listing both.
    """
    root = m.get_root()
    found = (c for c in root._children.values() if getattr(c, "areatour_legend", None))
    legend: Any = next(found, None)
    if legend is None:
        legend = HtmlOverlay("")
        legend.areatour_legend = {"categories": [], "kinds": [], "days": 0}
        root.add_child(legend)
    spec = legend.areatour_legend
    spec["categories"] = list(dict.fromkeys([*spec["categories"], *categories]))
    spec["kinds"] = list(dict.fromkeys([*spec["kinds"], *kinds]))
    spec["days"] = max(spec["days"], days)
    legend.markup = _legend_html(spec, lang, catalog)


def add_layer_control(m: folium.Map) -> None:
    """Add a LayerControl unless the map has one (it lists every layer when rendered)."""
    import folium

    if not any(isinstance(c, folium.LayerControl) for c in m._children.values()):
        folium.LayerControl(collapsed=False).add_to(m)


def fit(m: folium.Map, points: Iterable[tuple[float, float]]) -> None:
    """Fit the map to ``(lat, lon)`` points and to those of earlier calls on the same map.

    Drawing several plans on one map (one per course) thus shows all of them.
    """
    from folium.map import FitBounds

    pts = list(points)
    previous = getattr(m, "_areatour_fit", None)
    if previous is not None:
        pts = previous[0] + pts
        m._children.pop(previous[1].get_name(), None)
    if not pts:
        return
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    bounds = [[min(lats), min(lons)], [max(lats), max(lons)]]
    element = FitBounds(bounds, padding=(30, 30))
    m.add_child(element)
    setattr(m, "_areatour_fit", (pts, element))  # noqa: B010 - folium.Map has no such slot
