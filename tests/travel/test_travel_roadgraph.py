"""RoadGraphModel on a hand-made graph (no network access)."""

from __future__ import annotations

import datetime as dt

import networkx as nx
import numpy as np
import pytest

from areatour.errors import ValidationError
from areatour.travel import Closure, RoadGraphModel, haversine_km


def grid_graph() -> nx.MultiDiGraph:
    """A 3-node line A - B - C plus a slow direct A - C road, OSMnx-style attributes.

    A (43.00, 141.00)   B (43.00, 141.10)   C (43.00, 141.20)
    A-B and B-C: 9 km, 6 min each; A-C direct: 17 km, 20 min (slower).
    A parallel slow A-B edge (key 1) must be ignored.
    """
    g = nx.MultiDiGraph()
    g.add_node("A", x=141.00, y=43.00)
    g.add_node("B", x=141.10, y=43.00)
    g.add_node("C", x=141.20, y=43.00)
    g.add_node("D", x=141.30, y=43.50)  # isolated
    for u, v, length, seconds in (
        ("A", "B", 9000, 360),
        ("B", "C", 9000, 360),
        ("A", "C", 17000, 1200),
    ):
        g.add_edge(u, v, length=length, travel_time=seconds)
        g.add_edge(v, u, length=length, travel_time=seconds)
    g.add_edge("A", "B", key=1, length=8000, travel_time=3000)
    return g


def test_matrix_on_nodes() -> None:
    model = RoadGraphModel(grid_graph(), closures=None)
    pts = [(43.0, 141.0), (43.0, 141.1), (43.0, 141.2)]
    minutes, km = model.matrix(pts)
    np.testing.assert_allclose(minutes, [[0, 6, 12], [6, 0, 6], [12, 6, 0]], atol=1e-6)
    # km follow the fastest path (via B), not the shortest direct road
    np.testing.assert_allclose(km, [[0, 9, 18], [9, 0, 9], [18, 9, 0]], atol=1e-6)


def test_snapping_adds_access() -> None:
    model = RoadGraphModel(grid_graph(), access_speed_kmh=30.0, closures=None)
    p = (43.01, 141.0)  # 1.1 km north of A
    gap = float(haversine_km(43.01, 141.0, 43.0, 141.0))
    idx, dist = model.snap([p])
    assert model._net.nodes[int(idx[0])] == "A"
    assert dist[0] == pytest.approx(gap)
    minutes, km = model.matrix([p, (43.0, 141.1)])
    assert minutes[0, 1] == pytest.approx(6 + 60 * gap / 30.0)
    assert km[0, 1] == pytest.approx(9 + gap)


def test_unreachable_is_inf() -> None:
    model = RoadGraphModel(grid_graph(), closures=None)
    minutes, km = model.matrix([(43.0, 141.0), (43.5, 141.3)])
    assert np.isinf(minutes[0, 1]) and np.isinf(km[0, 1])
    assert minutes[0, 0] == 0.0


def test_directed_edges_respected() -> None:
    g = nx.DiGraph()
    g.add_node(1, x=141.0, y=43.0)
    g.add_node(2, x=141.1, y=43.0)
    g.add_edge(1, 2, length=1000, travel_time=60)
    model = RoadGraphModel(g, closures=None)
    minutes, _ = model.matrix([(43.0, 141.0), (43.0, 141.1)])
    assert minutes[0, 1] == pytest.approx(1.0)
    assert np.isinf(minutes[1, 0])


def test_undirected_graph_and_custom_weight() -> None:
    g = nx.Graph()
    g.add_node("a", x=141.0, y=43.0)
    g.add_node("b", x=141.1, y=43.0)
    g.add_edge("a", "b", length=8000, minutes=11.0, travel_time=0)
    model = RoadGraphModel(g, weight="minutes", closures=None)
    minutes, km = model.matrix([(43.0, 141.1), (43.0, 141.0)])
    assert minutes[0, 1] == pytest.approx(11.0) and km[1, 0] == pytest.approx(8.0)
    # a zero travel time is still an edge, not a missing one
    zero = RoadGraphModel(g, closures=None)
    assert zero.matrix([(43.0, 141.1), (43.0, 141.0)])[0][0, 1] == pytest.approx(0.0, abs=1e-6)


def test_path_returns_node_coordinates() -> None:
    model = RoadGraphModel(grid_graph(), closures=None)
    a, c = (43.0, 141.0), (43.0, 141.2)
    model.matrix([a, c])
    assert model.path(a, c) == [a, (43.0, 141.0), (43.0, 141.1), (43.0, 141.2), c]
    fresh = RoadGraphModel(grid_graph(), closures=None)  # no tree cached yet
    assert fresh.path(c, a)[1:-1] == [(43.0, 141.2), (43.0, 141.1), (43.0, 141.0)]
    assert fresh.path(a, (43.5, 141.3)) == [a, (43.5, 141.3)]


def test_winter_factor_and_closure() -> None:
    closure = Closure(
        "ab", "x", "x", (43.0, 141.0), 3.0, (43.0, 141.2), 3.0, (12, 1), (2, 28),
    )  # fmt: skip
    model = RoadGraphModel(grid_graph(), winter_factor=1.5, closures=[closure])
    pts = [(43.0, 141.0), (43.0, 141.1), (43.0, 141.2)]
    summer, _ = model.matrix(pts, dt.date(2026, 8, 1))
    winter, _ = model.matrix(pts, dt.date(2027, 1, 10))
    assert winter[0, 1] == pytest.approx(1.5 * summer[0, 1])
    assert np.isinf(winter[0, 2]) and np.isinf(winter[2, 0])
    assert np.isfinite(summer[0, 2])


def test_bad_graphs() -> None:
    g = nx.Graph()
    with pytest.raises(ValidationError):
        RoadGraphModel(g, closures=None)
    g.add_node(1, x=141.0)
    with pytest.raises(ValidationError):
        RoadGraphModel(g, closures=None)
    g = nx.Graph()
    g.add_node(1, x=141.0, y=43.0)
    g.add_node(2, x=141.1, y=43.0)
    g.add_edge(1, 2, length=100)
    with pytest.raises(ValidationError, match="travel_time"):
        RoadGraphModel(g, closures=None)


def test_larger_random_graph_matches_networkx() -> None:
    rng = np.random.default_rng(7)
    g = nx.random_geometric_graph(60, 0.25, seed=7)
    for n, (x, y) in nx.get_node_attributes(g, "pos").items():
        g.nodes[n]["x"], g.nodes[n]["y"] = 141.0 + x, 43.0 + y
    for u, v in g.edges:
        g.edges[u, v]["length"] = float(rng.uniform(500, 5000))
        g.edges[u, v]["travel_time"] = float(rng.uniform(30, 600))
    model = RoadGraphModel(g, closures=None, access_speed_kmh=1e9)
    nodes = [0, 5, 17, 33, 59]
    pts = [(g.nodes[n]["y"], g.nodes[n]["x"]) for n in nodes]
    minutes, km = model.matrix(pts)
    for i, s in enumerate(nodes):
        lengths, paths = nx.single_source_dijkstra(g, s, weight="travel_time")
        for j, t in enumerate(nodes):
            if t not in lengths:
                assert np.isinf(minutes[i, j])
                continue
            assert minutes[i, j] == pytest.approx(lengths[t] / 60.0, abs=1e-6)
            hops = zip(paths[t], paths[t][1:], strict=False)
            path_km = sum(g.edges[a, b]["length"] for a, b in hops) / 1000
            assert km[i, j] == pytest.approx(path_km, rel=1e-9, abs=1e-9)


def test_chunked_dijkstra_gives_the_same_matrix(monkeypatch: pytest.MonkeyPatch) -> None:
    import areatour.travel.roadgraph as rg

    g = nx.random_geometric_graph(40, 0.3, seed=3)
    for n, (x, y) in nx.get_node_attributes(g, "pos").items():
        g.nodes[n]["x"], g.nodes[n]["y"] = 141.0 + x, 43.0 + y
    for u, v in g.edges:
        g.edges[u, v]["length"] = 1000.0 + u + v
        g.edges[u, v]["travel_time"] = 60.0 + 3 * u + v
    pts = [(g.nodes[n]["y"], g.nodes[n]["x"]) for n in range(0, 40, 3)]
    whole = RoadGraphModel(g, closures=None).matrix(pts)
    monkeypatch.setattr(rg, "_CHUNK_CELLS", 80)  # two sources per Dijkstra block
    chunked = RoadGraphModel(g, closures=None).matrix(pts)
    np.testing.assert_allclose(chunked[0], whole[0])
    np.testing.assert_allclose(chunked[1], whole[1])
