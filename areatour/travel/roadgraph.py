"""Travel times on a road graph (for example one downloaded with OSMnx).

The graph's nodes carry ``x`` (longitude) and ``y`` (latitude); its edges carry
``length`` (metres) and ``travel_time`` (seconds), as ``osmnx`` produces after
``add_edge_speeds`` and ``add_edge_travel_times``. Points snap to the nearest
node (a k-d tree on locally projected coordinates); the snap distance is
driven at ``access_speed_kmh``. All-pairs times come from
:func:`scipy.sparse.csgraph.dijkstra` run once from the distinct snapped nodes;
the kilometres are those of the fastest path, accumulated along the
shortest-path tree with vectorised pointer jumping, and the trees are kept so
that :meth:`RoadGraphModel.path` can return a leg's node coordinates.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import ValidationError
from .base import EARTH_RADIUS_KM, FloatArray, LatLon, as_points, haversine_km, is_winter
from .cache import MatrixCache, points_key
from .closures import Closure, ClosureSet, closures_from, default_closures

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["RoadGraphModel"]

IntArray = NDArray[np.int64]
#: Largest (sources × graph nodes) block handled at once (about 160 MB of float64).
_CHUNK_CELLS = 20_000_000


def _default_closure_set() -> ClosureSet:
    return default_closures()


@dataclass(frozen=True, eq=False)
class _Network:
    """The numeric form of a road graph."""

    nodes: tuple[Any, ...]
    lat: FloatArray
    lon: FloatArray
    weight: Any  # scipy.sparse.csr_array of the routing weight (minutes)
    edge_keys: IntArray  # sorted u * n + v of the kept edges
    edge_km: FloatArray  # km of those edges, aligned with edge_keys
    tree: Any  # scipy.spatial.cKDTree on projected node coordinates
    lat0: float


def _project(lat: FloatArray, lon: FloatArray, lat0: float) -> FloatArray:
    """Local equirectangular projection in km (good enough for snapping)."""
    k = np.pi / 180.0 * EARTH_RADIUS_KM
    return np.column_stack((lon * k * np.cos(np.radians(lat0)), lat * k))


def _build_network(graph: nx.Graph, weight: str) -> _Network:
    from scipy.sparse import csr_array
    from scipy.spatial import cKDTree

    nodes = tuple(graph.nodes)
    if not nodes:
        raise ValidationError("RoadGraphModel: the graph has no nodes")
    index = {node: i for i, node in enumerate(nodes)}
    problems: list[str] = []
    try:
        lon = np.array([float(graph.nodes[n]["x"]) for n in nodes])
        lat = np.array([float(graph.nodes[n]["y"]) for n in nodes])
    except (KeyError, TypeError, ValueError):
        raise ValidationError(
            "RoadGraphModel: every node needs numeric 'x' (lon) and 'y' (lat)"
        ) from None
    us: list[int] = []
    vs: list[int] = []
    ws: list[float] = []
    ls: list[float] = []
    directed = graph.is_directed()
    for u, v, data in graph.edges(data=True):
        if weight not in data or "length" not in data:
            problems.append(f"edge {u!r}-{v!r} lacks {weight!r} or 'length'")
            if len(problems) > 10:
                break
            continue
        w = float(data[weight]) / 60.0 if weight == "travel_time" else float(data[weight])
        length_km = float(data["length"]) / 1000.0
        pairs = [(index[u], index[v])] if directed else [(index[u], index[v]), (index[v], index[u])]
        for a, b in pairs:
            us.append(a)
            vs.append(b)
            ws.append(w)
            ls.append(length_km)
    if problems:
        raise ValidationError("RoadGraphModel: " + "; ".join(problems))
    n = len(nodes)
    u_arr = np.asarray(us, dtype=np.int64)
    v_arr = np.asarray(vs, dtype=np.int64)
    w_arr = np.asarray(ws, dtype=np.float64)
    l_arr = np.asarray(ls, dtype=np.float64)
    if np.any(~np.isfinite(w_arr) | (w_arr < 0)):
        raise ValidationError(f"RoadGraphModel: edge {weight!r} must be finite and >= 0")
    # Keep the fastest of parallel edges (MultiDiGraph); csr_array would sum them.
    keys = u_arr * n + v_arr
    order = np.lexsort((w_arr, keys))
    keys, w_arr, l_arr = keys[order], w_arr[order], l_arr[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    keys, w_arr, l_arr = keys[first], w_arr[first], l_arr[first]
    # csgraph treats explicit zeros as missing edges; a tiny weight keeps them.
    w_arr = np.maximum(w_arr, 1e-9)
    weights = csr_array((w_arr, (keys // n, keys % n)), shape=(n, n))
    lat0 = float(np.mean(lat))
    tree = cKDTree(_project(lat, lon, lat0))
    return _Network(nodes, lat, lon, weights, keys, l_arr, tree, lat0)


def _accumulate_km(pred: IntArray, net: _Network) -> FloatArray:
    """Km from each tree root to every node along the shortest-path trees.

    ``pred`` is ``(k, n)`` with -9999 at roots and unreachable nodes. Pointer
    jumping on flat indices: after step ``s`` each node holds the km of its last
    ``2**s`` tree edges and points ``2**s`` steps up its tree; roots point to
    themselves with 0 km, so adding a root's km changes nothing. Stops as soon as
    every node points at its root (about log2 of the tree depth steps).
    """
    k, n = pred.shape
    own = np.arange(n, dtype=np.int64)[None, :]
    has_parent = pred >= 0
    parent = np.where(has_parent, pred, own)
    pos = np.searchsorted(net.edge_keys, (parent * n + own).ravel())
    pos = np.clip(pos, 0, max(len(net.edge_keys) - 1, 0)).reshape(k, n)
    edge_km = net.edge_km[pos] if len(net.edge_km) else np.zeros((k, n))
    km = np.where(has_parent, edge_km, 0.0).ravel()
    up = (parent + (np.arange(k, dtype=np.int64) * n)[:, None]).ravel()
    while True:
        km = km + km[up]
        nxt = up[up]
        if np.array_equal(nxt, up):
            break
        up = nxt
    return km.reshape(k, n)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (graph, arrays)
class RoadGraphModel:
    """Fastest paths on a road graph.

    Parameters
    ----------
    graph
        A networkx graph (directed or not, multi-edges allowed) whose nodes
        carry ``x``/``y`` (lon/lat) and whose edges carry ``length`` (m) and
        the routing ``weight``.
    weight
        Edge attribute to minimise: ``"travel_time"`` (seconds, as OSMnx) or
        any other attribute already in minutes.
    access_speed_kmh
        Speed at which the straight distance from a point to its snapped node
        is driven (added to both minutes and km).
    winter_factor
        Multiplier on travel times in the winter months (1.0 = none; 1.25 ≈
        speeds 20 % lower on snow).
    winter_months
        Months that count as winter.
    closures
        Seasonal closures; defaults to ``data/travel/closures.csv``.
    cache_size
        Number of matrices kept in the LRU cache.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node(1, x=141.0, y=43.0); G.add_node(2, x=141.1, y=43.0)
    >>> for u, v in ((1, 2), (2, 1)):
    ...     _ = G.add_edge(u, v, length=9000, travel_time=360)
    >>> minutes, km = RoadGraphModel(G, closures=None).matrix([(43.0, 141.0), (43.0, 141.1)])
    >>> round(float(minutes[0, 1])), round(float(km[0, 1]))
    (6, 9)
    """

    graph: nx.Graph
    weight: str = "travel_time"
    access_speed_kmh: float = 30.0
    winter_factor: float = 1.0
    winter_months: tuple[int, ...] = (12, 1, 2, 3)
    closures: ClosureSet | Sequence[Closure] | None = field(default_factory=_default_closure_set)
    cache_size: int = 16
    _net: _Network = field(init=False, repr=False, compare=False, hash=False)
    _cache: MatrixCache = field(init=False, repr=False, compare=False, hash=False)
    _trees: OrderedDict[int, IntArray] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not (np.isfinite(self.access_speed_kmh) and self.access_speed_kmh > 0):
            raise ValidationError("RoadGraphModel: access_speed_kmh must be positive")
        if not (np.isfinite(self.winter_factor) and self.winter_factor > 0):
            raise ValidationError("RoadGraphModel: winter_factor must be positive")
        object.__setattr__(self, "winter_months", tuple(self.winter_months))
        object.__setattr__(self, "closures", closures_from(self.closures))
        object.__setattr__(self, "_net", _build_network(self.graph, self.weight))
        object.__setattr__(self, "_cache", MatrixCache(self.cache_size))
        object.__setattr__(self, "_trees", OrderedDict())

    def snap(self, points: ArrayLike) -> tuple[IntArray, FloatArray]:
        """Index of the nearest graph node of each point and the distance to it (km)."""
        pts = as_points(points)
        net = self._net
        _, idx = net.tree.query(_project(pts[:, 0], pts[:, 1], net.lat0))
        idx = np.asarray(idx, dtype=np.int64).reshape(-1)
        gap = haversine_km(pts[:, 0], pts[:, 1], net.lat[idx], net.lon[idx])
        return idx, np.asarray(gap).reshape(-1)

    def _dijkstra(self, sources: IntArray) -> tuple[FloatArray, IntArray]:
        from scipy.sparse.csgraph import dijkstra

        dist, pred = dijkstra(
            self._net.weight, directed=True, indices=sources, return_predecessors=True
        )
        dist = np.atleast_2d(dist)
        pred = np.atleast_2d(pred).astype(np.int64)
        keep = max(1, min(256, _CHUNK_CELLS // len(self._net.nodes)))
        for s, row in zip(sources.tolist()[-keep:], pred[-keep:], strict=True):
            self._trees[s] = row
            self._trees.move_to_end(s)
        while len(self._trees) > keep:
            self._trees.popitem(last=False)
        return dist, pred

    def _travel(
        self, origins: FloatArray, destinations: FloatArray, date: dt.date | None
    ) -> tuple[FloatArray, FloatArray]:
        o_idx, o_gap = self.snap(origins)
        d_idx, d_gap = self.snap(destinations)
        sources, inverse = np.unique(o_idx, return_inverse=True)
        src_minutes = np.empty((len(sources), len(d_idx)))
        src_km = np.empty_like(src_minutes)
        # Dijkstra rows are (sources, graph nodes); chunk them to bound memory.
        step = max(1, _CHUNK_CELLS // len(self._net.nodes))
        for start in range(0, len(sources), step):
            dist, pred = self._dijkstra(sources[start : start + step])
            tree_km = _accumulate_km(pred, self._net)
            src_minutes[start : start + step] = dist[:, d_idx]
            src_km[start : start + step] = tree_km[:, d_idx]
        rows = inverse.reshape(-1)
        minutes = src_minutes[rows]
        km = np.where(np.isfinite(minutes), src_km[rows], np.inf)
        gap = o_gap[:, None] + d_gap[None, :]
        minutes = minutes + 60.0 * gap / self.access_speed_kmh
        km = km + gap
        if is_winter(date, self.winter_months):
            minutes = minutes * self.winter_factor
        return minutes, km

    def matrix(
        self, points: ArrayLike, date: dt.date | None = None
    ) -> tuple[FloatArray, FloatArray]:
        """Minutes and km between every ordered pair of ``points`` (read-only arrays).

        Unreachable pairs are ``inf``. See :class:`areatour.travel.TravelModel`.
        """
        pts = as_points(points)
        closures = closures_from(self.closures)
        season = "winter" if is_winter(date, self.winter_months) else "summer"
        key = (points_key(pts), season, closures.key(date))

        def compute() -> tuple[FloatArray, FloatArray]:
            minutes, km = self._travel(pts, pts, date)
            np.fill_diagonal(minutes, 0.0)
            np.fill_diagonal(km, 0.0)
            if len(closures):

                def access(a: FloatArray, b: FloatArray) -> tuple[FloatArray, FloatArray]:
                    return self._travel(a, b, date)

                minutes, km = closures.apply(minutes, km, pts, date, access)
            return minutes, km

        return self._cache.get_or_compute(key, compute)

    def path(self, a: LatLon, b: LatLon, date: dt.date | None = None) -> list[LatLon]:
        """Coordinates of the fastest path from ``a`` to ``b``: ``a``, the graph nodes, ``b``.

        Falls back to the straight segment when ``b`` cannot be reached.
        """
        (sa, sb), _ = self.snap([a, b])
        pred = self._trees.get(int(sa))
        if pred is None:
            _, pred_rows = self._dijkstra(np.asarray([sa], dtype=np.int64))
            pred = pred_rows[0]
        start, end = (float(a[0]), float(a[1])), (float(b[0]), float(b[1]))
        if sa != sb and pred[sb] < 0:
            return [start, end]
        chain = [int(sb)]
        while chain[-1] != sa:
            chain.append(int(pred[chain[-1]]))
        net = self._net
        coords = [(float(net.lat[i]), float(net.lon[i])) for i in reversed(chain)]
        return [start, *coords, end]

    def clear_cache(self) -> None:
        """Forget every cached matrix and shortest-path tree."""
        self._cache.clear()
        self._trees.clear()
