"""An area as a networkx graph: towns, their assets, neighbours and travel times.

Attribute contract
------------------
This is the single definition of the graph's attributes; :func:`validate_graph`
checks it and ``docs/graph.md`` repeats it with examples.

Graph (``G.graph``)
    ``crs``
        Always ``"EPSG:4326"``: every ``lat``/``lon`` is WGS84 degrees.
    ``area``
        The area id (``"nemuro"``).
    ``date``
        The travel date the ``minutes`` were computed for (``datetime.date``),
        or ``None`` (no season, no closures).
    ``adjacency``
        How ``adjacent`` was decided: ``"boundaries"`` or ``"delaunay"``.

Municipality nodes, keyed by the 5-digit code (``"01428"``)
    ``kind="municipality"``, ``code`` (str, equal to the key), ``name_ja``,
    ``name_en`` (str), ``lat``, ``lon`` (float, the seat: town or city hall).

Asset nodes, keyed by the asset id (``"01428-onsen-maoi"``)
    ``kind="asset"``, ``id`` (str, equal to the key), ``category`` (str),
    ``municipality_code`` (str, the town it lies in), ``lat``, ``lon`` (float),
    ``appeal`` (int 1–5), ``name_ja``, ``name_en`` (str).

Edges (a :class:`networkx.Graph` holds one edge per pair, so the kind of a
pair is one attribute and the town–town facts are flags on the same edge)
    ``kind="contains"``
        Town → asset (undirected; the asset's ``municipality_code`` is the town).
    ``kind="travel"``
        Between every two towns of the area: ``minutes`` and ``km`` (float,
        ``>= 0``, ``inf`` when a closure makes the trip impossible; the
        trip from the town listed first in the area's members to the other; the
        default model is symmetric) and
        ``adjacent`` (bool): whether the two towns are neighbours.

``nx.subgraph_view(G, filter_edge=...)`` or :func:`adjacency_graph` gives the
neighbour network alone.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import ValidationError

if TYPE_CHECKING:
    import geopandas as gpd
    import networkx as nx

    from .catalog import Catalog
    from .model import Area
    from .travel import TravelModel

__all__ = [
    "GraphValidationError",
    "adjacency_graph",
    "build_area_graph",
    "delaunay_pairs",
    "validate_graph",
]

CRS = "EPSG:4326"
_MUNICIPALITY_ATTRS = {"code": str, "name_ja": str, "name_en": str, "lat": float, "lon": float}
_ASSET_ATTRS = {
    "id": str,
    "category": str,
    "municipality_code": str,
    "lat": float,
    "lon": float,
    "appeal": int,
    "name_ja": str,
    "name_en": str,
}


class GraphValidationError(ValidationError):
    """A graph breaks the attribute contract; ``problems`` lists every violation."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        n = len(problems)
        lines = problems[:50] + ([f"... and {n - 50} more"] if n > 50 else [])
        super().__init__(f"{n} graph problem{'s' if n != 1 else ''}:\n  " + "\n  ".join(lines))


def delaunay_pairs(points: Any, codes: list[str], *, max_edge_km: float) -> set[tuple[str, str]]:
    """Neighbouring seats from a Delaunay triangulation, edges up to ``max_edge_km``.

    Parameters
    ----------
    points
        ``(n, 2)`` ``(lat, lon)`` of the seats.
    codes
        The municipality code of each point.
    max_edge_km
        Longest great-circle edge kept, km.

    Returns
    -------
    set of (str, str)
        Each pair once, the smaller code first. A town whose Delaunay edges are
        all longer than ``max_edge_km`` keeps its shortest one, so no town is
        left without a neighbour (羅臼町 is 40.3 km from 標津町). With fewer than
        three points, or points on one line, every pair is a candidate edge.
    """
    from scipy.spatial import Delaunay, QhullError

    from .travel import haversine_matrix_km

    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    dist = haversine_matrix_km(pts)
    n = len(pts)
    candidates: set[tuple[int, int]] = set()
    try:
        if n < 3:
            raise QhullError("too few points")
        lat0 = float(np.radians(pts[:, 0].mean()))
        xy = np.column_stack((pts[:, 1] * np.cos(lat0), pts[:, 0]))
        tri = Delaunay(xy)
        for simplex in tri.simplices:
            for a, b in ((0, 1), (1, 2), (0, 2)):
                i, j = sorted((int(simplex[a]), int(simplex[b])))
                candidates.add((i, j))
    except (QhullError, ValueError):
        candidates = {(i, j) for i in range(n) for j in range(i + 1, n)}
    kept = {(i, j) for i, j in candidates if dist[i, j] <= max_edge_km}
    for k in range(n):  # no town is left without a neighbour: keep its shortest edge
        own = [(dist[i, j], (i, j)) for i, j in candidates if k in (i, j)]
        if own and not any(k in e for e in kept):
            kept.add(min(own)[1])
    pairs: set[tuple[str, str]] = set()
    for i, j in kept:
        first, second = sorted((codes[i], codes[j]))
        pairs.add((first, second))
    return pairs


def build_area_graph(
    catalog: Catalog,
    area: str | Area,
    *,
    travel: TravelModel | None = None,
    boundaries: gpd.GeoDataFrame | None = None,
    date: dt.date | None = None,
    max_edge_km: float = 40.0,
) -> nx.Graph:
    """Build the graph of one area (attribute contract in the module docstring).

    Parameters
    ----------
    catalog
        The catalog.
    area
        An area id, name or :class:`~areatour.model.Area`.
    travel
        Travel model for the town–town ``minutes``/``km``; defaults to
        :class:`~areatour.travel.StraightLineModel`.
    boundaries
        Municipal polygons with a ``code`` column (e.g.
        :func:`areatour.boundaries.read_boundaries`); towns are adjacent when
        their polygons share a border. Without it, adjacency comes from a
        Delaunay triangulation of the seats.
    date
        Travel date (season and closures).
    max_edge_km
        Longest Delaunay edge kept (great-circle km), except that each town
        keeps its shortest edge; ignored with ``boundaries``.

    Returns
    -------
    networkx.Graph

    Raises
    ------
    ValidationError
        ``max_edge_km`` is not positive, or ``boundaries`` lacks a member town.

    Examples
    --------
    >>> from areatour.catalog import load_catalog
    >>> G = build_area_graph(load_catalog(), "nemuro")
    >>> G.graph["crs"], G.nodes["01694"]["name_ja"]
    ('EPSG:4326', '羅臼町')
    >>> G.edges["01692", "01693"]["adjacent"]
    True
    """
    import networkx as nx

    from .boundaries import adjacent_pairs
    from .travel import StraightLineModel

    if not (isinstance(max_edge_km, (int, float)) and max_edge_km > 0):
        raise ValidationError(f"max_edge_km must be positive, got {max_edge_km!r}")
    area_obj = catalog.area(area)
    codes = list(area_obj.members)
    towns = [catalog.municipalities[c] for c in codes]
    G = nx.Graph(crs=CRS, area=area_obj.id, date=date)
    for m in towns:
        G.add_node(
            m.code, kind="municipality", code=m.code, name_ja=m.name_ja, name_en=m.name_en,
            lat=float(m.lat), lon=float(m.lon),
        )  # fmt: skip
    for asset in catalog.area_assets(area_obj):
        G.add_node(
            asset.id, kind="asset", id=asset.id, category=asset.category,
            municipality_code=asset.municipality_code, lat=float(asset.lat),
            lon=float(asset.lon), appeal=int(asset.appeal), name_ja=asset.name_ja,
            name_en=asset.name_en,
        )  # fmt: skip
        G.add_edge(asset.municipality_code, asset.id, kind="contains")

    points = np.array([[m.lat, m.lon] for m in towns], dtype=np.float64).reshape(-1, 2)
    if boundaries is not None:
        known = set(boundaries["code"].astype(str))
        lacking = [c for c in codes if c not in known]
        if lacking:
            raise ValidationError(f"boundaries have no polygon for member towns {lacking}")
        pairs = adjacent_pairs(boundaries, codes)
        G.graph["adjacency"] = "boundaries"
    else:
        pairs = delaunay_pairs(points, codes, max_edge_km=max_edge_km)
        G.graph["adjacency"] = "delaunay"

    model = travel if travel is not None else StraightLineModel()
    minutes, km = model.matrix(points, date)
    for i in range(len(codes)):
        for j in range(i + 1, len(codes)):
            a, b = codes[i], codes[j]
            G.add_edge(
                a, b, kind="travel", minutes=float(minutes[i, j]), km=float(km[i, j]),
                adjacent=tuple(sorted((a, b))) in pairs,
            )  # fmt: skip
    return G


def adjacency_graph(G: nx.Graph) -> nx.Graph:
    """A read-only view of ``G`` with the municipality nodes and ``adjacent`` edges only."""
    import networkx as nx

    return nx.subgraph_view(
        G,
        filter_node=lambda n: G.nodes[n].get("kind") == "municipality",
        filter_edge=lambda u, v: bool(G.edges[u, v].get("adjacent", False)),
    )


def _check_attrs(
    where: str, data: dict[str, Any], spec: dict[str, type], problems: list[str]
) -> None:
    for name, typ in spec.items():
        if name not in data:
            problems.append(f"{where}: missing attribute {name!r}")
            continue
        value = data[name]
        if typ is float:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            ok = ok and math.isfinite(float(value))
        elif typ is int:
            ok = isinstance(value, (int, np.integer)) and not isinstance(value, bool)
        else:
            ok = isinstance(value, str) and (value != "" or name == "name_en")
        if not ok:
            problems.append(f"{where}: {name}={value!r} is not a valid {typ.__name__}")


def _node_problems(node: Any, data: dict[str, Any], problems: list[str]) -> None:
    kind = data.get("kind")
    where = f"node {node!r}"
    if kind == "municipality":
        _check_attrs(where, data, _MUNICIPALITY_ATTRS, problems)
        if data.get("code") != node:
            problems.append(f"{where}: code {data.get('code')!r} differs from the node key")
    elif kind == "asset":
        _check_attrs(where, data, _ASSET_ATTRS, problems)
        if data.get("id") != node:
            problems.append(f"{where}: id {data.get('id')!r} differs from the node key")
        appeal = data.get("appeal")
        if isinstance(appeal, (int, np.integer)) and not 1 <= int(appeal) <= 5:
            problems.append(f"{where}: appeal {appeal!r} is not in 1-5")
    else:
        problems.append(f"{where}: kind {kind!r} is not 'municipality' or 'asset'")
        return
    lat, lon = data.get("lat"), data.get("lon")
    if isinstance(lat, (int, float)) and not -90 <= lat <= 90:
        problems.append(f"{where}: lat {lat!r} out of range")
    if isinstance(lon, (int, float)) and not -180 <= lon <= 180:
        problems.append(f"{where}: lon {lon!r} out of range")


def _edge_problems(G: nx.Graph, u: Any, v: Any, data: dict[str, Any], problems: list[str]) -> None:
    kind = data.get("kind")
    kinds = {G.nodes[u].get("kind"), G.nodes[v].get("kind")}
    where = f"edge {u!r}-{v!r}"
    if kind == "contains":
        if kinds != {"municipality", "asset"}:
            problems.append(f"{where}: 'contains' must join a municipality and an asset")
            return
        town, asset = (u, v) if G.nodes[u].get("kind") == "municipality" else (v, u)
        if G.nodes[asset].get("municipality_code") != town:
            problems.append(
                f"{where}: asset {asset!r} has municipality_code "
                f"{G.nodes[asset].get('municipality_code')!r}, not {town!r}"
            )
    elif kind == "travel":
        if kinds != {"municipality"}:
            problems.append(f"{where}: 'travel' must join two municipalities")
        for name in ("minutes", "km"):
            value = data.get(name)
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                problems.append(f"{where}: {name}={value!r} is not a number")
            elif math.isnan(value) or value < 0:
                problems.append(f"{where}: {name}={value!r} must be >= 0 (inf allowed)")
        if not isinstance(data.get("adjacent"), bool):
            problems.append(f"{where}: adjacent={data.get('adjacent')!r} is not a bool")
    else:
        problems.append(f"{where}: kind {kind!r} is not 'contains' or 'travel'")


def validate_graph(G: nx.Graph) -> None:
    """Check ``G`` against the attribute contract; raise once listing every problem.

    Raises
    ------
    GraphValidationError
        A :class:`~areatour.errors.ValidationError` whose ``problems`` lists
        each violation (graph attributes, node and edge attributes, kinds,
        asset–town consistency, directed or multi graphs).

    Examples
    --------
    >>> from areatour import load_catalog
    >>> G = build_area_graph(load_catalog(), "nemuro")
    >>> validate_graph(G)  # returns None when G follows the contract
    >>> G.add_node("x", kind="town")
    >>> validate_graph(G)  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    GraphValidationError: ...
    """
    problems: list[str] = []
    if G.is_directed() or G.is_multigraph():
        problems.append("the graph must be an undirected networkx.Graph (not directed/multi)")
    if G.graph.get("crs") != CRS:
        problems.append(f"graph: crs is {G.graph.get('crs')!r}, expected {CRS!r}")
    if not isinstance(G.graph.get("area"), str) or not G.graph.get("area"):
        problems.append(f"graph: area {G.graph.get('area')!r} is not an area id")
    if "date" not in G.graph or not (
        G.graph["date"] is None or isinstance(G.graph["date"], dt.date)
    ):
        problems.append(f"graph: date {G.graph.get('date')!r} is not a date or None")
    if G.graph.get("adjacency") not in ("boundaries", "delaunay"):
        problems.append(f"graph: adjacency {G.graph.get('adjacency')!r} is not known")
    for node, data in G.nodes(data=True):
        _node_problems(node, data, problems)
    for u, v, data in G.edges(data=True):
        _edge_problems(G, u, v, data, problems)
    assets = [n for n, k in G.nodes(data="kind") if k == "asset"]
    for asset in assets:
        if not any(G.edges[asset, t].get("kind") == "contains" for t in G.neighbors(asset)):
            problems.append(f"node {asset!r}: asset without a 'contains' edge to its town")
    if problems:
        raise GraphValidationError(problems)
