"""Draw an area for council planning: towns, all assets by category, complementarity."""

from __future__ import annotations

import importlib
from collections import Counter
from typing import TYPE_CHECKING, Any

from .base import add_layer_control, add_legend, add_towns, asset_icon, check_lang, fit, new_map
from .elements import Bindings, MarkerBatch
from .offline import has_offline_clustering
from .popups import asset_popup, esc, town_tooltip
from .style import category_color, category_label, text

if TYPE_CHECKING:
    import folium
    import geopandas as gpd
    import pandas as pd

    from ..catalog import Catalog
    from ..model import Area

__all__ = ["complementarity_view", "render_area"]

#: categories that describe access or a bed rather than what a town offers
_NOT_CONTRIBUTIONS = frozenset({"gateway"})


def _counts_from_analysis(catalog: Catalog, area: Area) -> pd.DataFrame | None:
    """Asset counts per town and category from :func:`areatour.analysis.area_profile`.

    ``None`` when that module is not part of this build (the caller then counts).
    """
    try:
        analysis = importlib.import_module("areatour.analysis")
    except ModuleNotFoundError:
        return None
    import pandas as pd

    profile = analysis.area_profile(catalog, area)
    if isinstance(profile.columns, pd.MultiIndex):
        profile = profile["count"]
    frame = profile.copy()
    frame.index = frame.index.astype(str)
    return frame.reindex(list(area.members)).fillna(0).astype(int)


def _counts(catalog: Catalog, area: Area) -> pd.DataFrame:
    import pandas as pd

    counted = _counts_from_analysis(catalog, area)
    if counted is not None:
        return counted
    table = {code: Counter(a.category for a in catalog.assets_in(code)) for code in area.members}
    frame = pd.DataFrame.from_dict(table, orient="index").reindex(list(area.members))
    return frame.reindex(columns=list(catalog.categories)).fillna(0).astype(int)


def complementarity_view(catalog: Catalog, area: str | Area) -> pd.DataFrame:
    """What each member town contributes: its strongest category the others lack.

    For each town and category, ``count`` is the town's assets in the category and
    ``others`` those of the other member towns; the town's contribution is the
    category that maximises ``count / (1 + others)`` (ties: more assets first).
    Gateways are not counted. Counts come from :func:`areatour.analysis.area_profile`
    when that module is present, else from the catalog directly.

    Returns
    -------
    pandas.DataFrame
        Indexed by municipality code with columns ``name_ja, name_en, category``
        (``""`` for a town without assets), ``count``, ``others`` and ``score``.

    Examples
    --------
    >>> from areatour import load_catalog
    >>> view = complementarity_view(load_catalog(), "nemuro")
    >>> list(view.columns)
    ['name_ja', 'name_en', 'category', 'count', 'others', 'score']
    """
    import pandas as pd

    area = catalog.area(area)
    counts = _counts(catalog, area)
    counts = counts[[c for c in counts.columns if c not in _NOT_CONTRIBUTIONS]]
    totals = counts.sum(axis=0)
    rows = []
    for code in area.members:
        town = catalog.municipalities[code]
        best: tuple[float, int, str, int] = (0.0, 0, "", 0)
        for cat in counts.columns:
            n = int(counts.loc[code, cat])  # type: ignore[arg-type]
            if n == 0:
                continue
            others = int(totals[cat]) - n
            key = (n / (1 + others), n, cat, others)
            if key[:2] > best[:2]:
                best = key
        score, n, cat, others = best
        rows.append(
            {
                "code": code,
                "name_ja": town.name_ja,
                "name_en": town.name_en,
                "category": cat,
                "count": n,
                "others": others,
                "score": score,
            }
        )
    return pd.DataFrame(rows).set_index("code")


def _add_assets(m: Any, catalog: Catalog, area: Area, *, lang: str, cluster: bool) -> list[str]:
    import folium
    from folium.plugins import MarkerCluster

    by_cat: dict[str, list[Any]] = {}
    for asset in catalog.area_assets(area):
        by_cat.setdefault(asset.category, []).append(asset)
    for cat in catalog.categories:
        assets = by_cat.get(cat, [])
        if not assets:
            continue
        name = esc(f"{text('assets', lang)}: {category_label(cat, lang, catalog)} ({len(assets)})")
        group: Any = (
            MarkerCluster(name=name, options={"maxClusterRadius": 40})
            if cluster
            else folium.FeatureGroup(name=name)
        )
        markers = [
            {
                "lat": a.lat,
                "lon": a.lon,
                "icon": asset_icon(cat),
                "size": 14,
                "popup": asset_popup(
                    a,
                    town=catalog.municipalities.get(a.municipality_code),
                    lang=lang,
                    catalog=catalog,
                ),
                "tooltip": esc(a.name(lang) or a.name_ja),
            }
            for a in assets
        ]
        group.add_child(MarkerBatch(markers))
        group.add_to(m)
    return [c for c in catalog.categories if c in by_cat]


def _complement_popup(row: Any, catalog: Catalog, lang: str) -> str:
    town = catalog.municipalities[row.Index]
    parts = [town_tooltip(town, lang), f"{esc(text('contributes', lang))}:"]
    if row.category:
        parts.append(f"<b>{esc(category_label(row.category, lang, catalog))}</b>")
        parts.append(esc(text("count_in_town", lang, n=row.count, others=row.others)))
    else:
        parts.append("–")
    return "<div class='areatour-popup'>" + "<br>".join(parts) + "</div>"


def _add_complementarity(
    m: Any, catalog: Catalog, area: Area, *, lang: str, polygons: dict[str, Any]
) -> None:
    import folium
    from shapely.geometry import mapping

    view = complementarity_view(catalog, area)
    group = folium.FeatureGroup(name=esc(text("complementarity", lang)), show=True)
    for row in view.itertuples():
        code, category = str(row.Index), str(row.category)
        town = catalog.municipalities[code]
        color = category_color(category) if category else "#bbbbbb"
        popup = _complement_popup(row, catalog, lang)
        geom = polygons.get(code)
        layer: Any
        if geom is not None:
            style = {
                "color": color,
                "weight": 2,
                "fillColor": color,
                "fillOpacity": 0.35,
                "className": "areatour-complement",
            }
            layer = folium.GeoJson(
                {"type": "Feature", "geometry": mapping(geom.simplify(0.0005)), "properties": {}},
                style_function=lambda _f, s=style: s,
                zoom_on_click=False,
            )
        else:
            layer = folium.CircleMarker(
                (town.lat, town.lon),
                radius=16,
                color=color,
                weight=2,
                fill=True,
                fill_color=color,
                fill_opacity=0.35,
                class_name="areatour-complement",
            )
        layer.add_child(Bindings(popup_html=popup, tooltip_html=popup))
        layer.add_to(group)
    group.add_to(m)


def render_area(
    catalog: Catalog,
    area: str | Area,
    *,
    lang: str = "ja",
    offline: bool = False,
    tiles: str | None = "OpenStreetMap",
    boundaries: gpd.GeoDataFrame | None = None,
    cluster: bool | None = None,
    cluster_threshold: int = 40,
    m: folium.Map | None = None,
) -> folium.Map:
    """Draw an area for council planning.

    Layers: the member towns (seats, or polygons from ``boundaries``), every asset
    of the area by category (one toggleable layer each), and a complementarity
    view that colours each town by the category it contributes most (see
    :func:`complementarity_view`).

    Parameters
    ----------
    catalog
        The catalog to draw from.
    area
        An area id or :class:`~areatour.model.Area`.
    lang
        ``"ja"`` or ``"en"``.
    offline
        No tiles; clustering only when ``xstatic-leaflet-markercluster`` is
        installed, since its JS must be inlined.
    tiles
        Tile layer of a new map; ignored when ``offline``.
    boundaries
        Municipality polygons (a ``code`` column or a code index).
    cluster
        Cluster asset markers; ``None`` clusters when the area has more than
        ``cluster_threshold`` assets.
    cluster_threshold
        See ``cluster``.
    m
        An existing map to draw on.

    Returns
    -------
    folium.Map
        The map; nothing is written.

    Examples
    --------
    >>> from areatour import load_catalog
    >>> m = render_area(load_catalog(), "nemuro", lang="en", offline=True)
    >>> type(m).__name__
    'Map'
    """

    from .base import _boundary_lookup

    check_lang(lang)
    area = catalog.area(area)
    if m is None:
        m = new_map(tiles=tiles, offline=offline)
    polygons = _boundary_lookup(boundaries) if boundaries is not None else {}
    _add_complementarity(m, catalog, area, lang=lang, polygons=polygons)
    add_towns(m, catalog, area.members, lang=lang, boundaries=boundaries)
    n_assets = len(catalog.area_assets(area))
    if cluster is None:
        cluster = n_assets > cluster_threshold
    if offline and not has_offline_clustering():
        cluster = False
    if cluster:
        m.options.setdefault("max_zoom", 19)  # marker clusters need a zoom range
    cats = _add_assets(m, catalog, area, lang=lang, cluster=cluster)
    add_layer_control(m)
    add_legend(m, lang=lang, categories=cats, catalog=catalog)
    points = [a.point for a in catalog.area_assets(area)]
    points += [catalog.municipalities[c].point for c in area.members]
    fit(m, points)
    return m
