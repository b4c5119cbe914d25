"""The area graph, its attribute contract, validate_graph and N03 boundaries."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from areatour.boundaries import adjacent_pairs, read_boundaries
from areatour.catalog import Catalog, load_catalog
from areatour.errors import DataError, DataWarning, ValidationError
from areatour.graph import (
    GraphValidationError,
    adjacency_graph,
    build_area_graph,
    delaunay_pairs,
    validate_graph,
)
from areatour.travel import MatrixModel, StraightLineModel

FIXTURE = Path(__file__).parent / "fixtures" / "analysis"


@pytest.fixture(scope="module")
def tiny() -> Catalog:
    return load_catalog(FIXTURE)


@pytest.fixture(scope="module")
def embedded() -> Catalog:
    return load_catalog()


def test_contract_on_tiny_catalog(tiny: Catalog) -> None:
    day = dt.date(2026, 8, 1)
    G = build_area_graph(tiny, "kita-sorachi", date=day)
    validate_graph(G)
    assert G.graph == {"crs": "EPSG:4326", "area": "kita-sorachi", "date": day,
                       "adjacency": "delaunay"}  # fmt: skip
    towns = [n for n, k in G.nodes(data="kind") if k == "municipality"]
    assets = [n for n, k in G.nodes(data="kind") if k == "asset"]
    assert sorted(towns) == ["01228", "01433", "01434", "01437", "01438"]
    assert len(assets) == 9  # the 旭川 workspace is outside the area
    town = G.nodes["01437"]
    assert town["name_ja"] == "北竜町" and town["code"] == "01437"
    asset = G.nodes["01437-nature-a"]
    assert asset == {
        "kind": "asset", "id": "01437-nature-a", "category": "nature",
        "municipality_code": "01437", "lat": 43.75, "lon": 141.875, "appeal": 5,
        "name_ja": "北竜の自然A", "name_en": "Hokuryu Nature A",
    }  # fmt: skip
    assert G.edges["01437", "01437-nature-a"] == {"kind": "contains"}
    travel = G.edges["01228", "01437"]
    assert travel["kind"] == "travel" and travel["minutes"] > 0 and travel["km"] > 0
    assert isinstance(travel["adjacent"], bool)
    # every pair of towns has a travel edge
    assert sum(1 for *_, k in G.edges(data="kind") if k == "travel") == 10


def test_travel_edges_come_from_the_model(tiny: Catalog) -> None:
    model = StraightLineModel(closures=None)
    G = build_area_graph(tiny, "kita-sorachi", travel=model)
    codes = ["01228", "01437"]
    pts = [tiny.municipalities[c].point for c in codes]
    minutes, km = model.matrix(pts)
    assert G.edges["01228", "01437"]["minutes"] == pytest.approx(minutes[0, 1])
    assert G.edges["01228", "01437"]["km"] == pytest.approx(km[0, 1])


def test_graph_records_closure_in_winter(embedded: Catalog) -> None:
    area = embedded.custom_area(["01694", "01545", "01692"], id="shiretoko")
    summer = build_area_graph(embedded, area, date=dt.date(2026, 8, 1))
    winter = build_area_graph(embedded, area, date=dt.date(2027, 1, 10))
    assert winter.edges["01694", "01545"]["minutes"] > summer.edges["01694", "01545"]["minutes"]


def test_delaunay_adjacency_and_max_edge(tiny: Catalog) -> None:
    G = build_area_graph(tiny, "kita-sorachi")
    adj = adjacency_graph(G)
    assert set(adj.nodes) == {"01228", "01433", "01434", "01437", "01438"}
    assert nx.is_connected(adj)
    short = build_area_graph(tiny, "kita-sorachi", max_edge_km=5.0)
    short_adj = adjacency_graph(short)
    assert short_adj.number_of_edges() < adj.number_of_edges()
    assert all(d >= 1 for _, d in short_adj.degree())  # each town keeps its nearest edge
    with pytest.raises(ValidationError):
        build_area_graph(tiny, "kita-sorachi", max_edge_km=0)


def test_delaunay_pairs_degenerate_inputs() -> None:
    assert delaunay_pairs(np.zeros((0, 2)), [], max_edge_km=40) == set()
    two = np.array([[43.0, 141.0], [43.1, 141.0]])
    assert delaunay_pairs(two, ["b", "a"], max_edge_km=40) == {("a", "b")}
    line = np.array([[43.0, 141.0], [43.1, 141.0], [43.2, 141.0]])  # collinear
    assert delaunay_pairs(line, ["a", "b", "c"], max_edge_km=12) == {("a", "b"), ("b", "c")}
    far = np.array([[43.0, 141.0], [43.1, 141.0], [44.0, 141.0]])
    # c is 100 km away but keeps its shortest edge (to b)
    assert delaunay_pairs(far, ["a", "b", "c"], max_edge_km=40) == {("a", "b"), ("b", "c")}
    square = np.array([[43.0, 141.0], [43.0, 141.1], [43.1, 141.0], [43.1, 141.1]])
    pairs = delaunay_pairs(square, list("abcd"), max_edge_km=100)
    assert len(pairs) == 5  # four sides and one diagonal


def squares_geojson(tmp_path: Path) -> Path:
    """Four unit-ish squares: A|B side by side, C below A, D touching B at one corner only,
    A in two parts (N03 style), one feature without a code."""

    def sq(x: float, y: float, s: float = 0.1) -> list[list[list[float]]]:
        return [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]]

    feats = [
        ("01001", "A町", sq(141.0, 43.0)),
        ("01001", "A町", sq(141.0, 43.3, 0.02)),  # an island of A
        ("01002", "B町", sq(141.1, 43.0)),
        ("01003", "C町", sq(141.0, 42.9)),
        ("01004", "D町", sq(141.2, 43.1)),  # corner contact with B
        (None, "所属未定地", sq(142.0, 44.0)),
    ]
    doc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"N03_004": name, "N03_007": code},
             "geometry": {"type": "Polygon", "coordinates": ring}}
            for code, name, ring in feats
        ],
    }  # fmt: skip
    path = tmp_path / "n03.geojson"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_read_boundaries_n03(tmp_path: Path) -> None:
    path = squares_geojson(tmp_path)
    with pytest.warns(DataWarning, match="without a municipality code"):
        gdf = read_boundaries(path)
    assert list(gdf.columns) == ["code", "name_ja", "geometry"]
    assert list(gdf["code"]) == ["01001", "01002", "01003", "01004"]
    assert gdf.crs.to_string() == "EPSG:4326"
    assert gdf.geometry.iloc[0].geom_type == "MultiPolygon"  # dissolved with its island
    assert adjacent_pairs(gdf) == {("01001", "01002"), ("01001", "01003")}
    assert adjacent_pairs(gdf, ["01001", "01003"]) == {("01001", "01003")}


def test_read_boundaries_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read"):
        read_boundaries(tmp_path / "missing.geojson")
    path = tmp_path / "nocode.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "x"},
         "geometry": {"type": "Point", "coordinates": [141.0, 43.0]}}]}),
        encoding="utf-8")  # fmt: skip
    with pytest.raises(DataError, match="N03_007"):
        read_boundaries(path)


def test_boundaries_adjacency_in_graph(embedded: Catalog, tmp_path: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import box

    members = list(embedded.area("nemuro").members)
    # synthetic polygons: a row of boxes, so only consecutive members touch
    gdf = gpd.GeoDataFrame(
        {"code": members},
        geometry=[box(140 + k, 40, 141 + k, 41) for k in range(len(members))],
        crs="EPSG:4326",
    )
    G = build_area_graph(embedded, "nemuro", boundaries=gdf)
    validate_graph(G)
    assert G.graph["adjacency"] == "boundaries"
    expected = {tuple(sorted(p)) for p in itertools.pairwise(members)}
    assert {tuple(sorted(e)) for e in adjacency_graph(G).edges} == expected
    with pytest.raises(ValidationError, match="no polygon"):
        build_area_graph(embedded, "nemuro", boundaries=gdf.iloc[:2])


@pytest.mark.parametrize("area", ["kita-sorachi", "naka-sorachi", "minami-sorachi", "nemuro"])
def test_embedded_areas_validate(embedded: Catalog, area: str) -> None:
    G = build_area_graph(embedded, area)
    validate_graph(G)
    assert nx.is_connected(adjacency_graph(G))


def test_matrix_model_can_drive_the_graph(tiny: Catalog) -> None:
    codes = ["01228", "01433"]
    model = MatrixModel(
        tuple(codes), np.array([tiny.municipalities[c].point for c in codes]),
        np.array([[0.0, 17.0], [18.0, 0.0]]), np.array([[0.0, 12.0], [12.0, 0.0]]),
        closures=None,
    )  # fmt: skip
    area = tiny.custom_area(codes)
    G = build_area_graph(tiny, area, travel=model)
    assert G.edges["01228", "01433"]["minutes"] == 17.0


# ------------------------------------------------------------------ validate_graph


@pytest.fixture
def good(tiny: Catalog) -> nx.Graph:
    return build_area_graph(tiny, "kita-sorachi")


def problems_of(G: nx.Graph) -> tuple[str, ...]:
    with pytest.raises(GraphValidationError) as info:
        validate_graph(G)
    assert isinstance(info.value, ValidationError) and isinstance(info.value, ValueError)
    return info.value.problems


def test_validate_accepts_good(good: nx.Graph) -> None:
    validate_graph(good)


@pytest.mark.parametrize(
    ("breaker", "fragment"),
    [
        (lambda G: G.graph.update(crs="EPSG:3857"), "crs"),
        (lambda G: G.graph.pop("area"), "area"),
        (lambda G: G.graph.update(date="2026-01-01"), "date"),
        (lambda G: G.graph.update(adjacency="magic"), "adjacency"),
        (lambda G: G.nodes["01228"].update(kind="town"), "kind 'town'"),
        (lambda G: G.nodes["01228"].pop("name_ja"), "missing attribute 'name_ja'"),
        (lambda G: G.nodes["01228"].update(code="01229"), "differs from the node key"),
        (lambda G: G.nodes["01228"].update(lat=123.0), "lat 123.0 out of range"),
        (lambda G: G.nodes["01228"].update(lon=float("nan")), "lon=nan"),
        (lambda G: G.nodes["01437-nature-a"].update(appeal=7), "appeal 7"),
        (lambda G: G.nodes["01437-nature-a"].update(appeal="5"), "appeal='5'"),
        (lambda G: G.nodes["01437-nature-a"].update(municipality_code="01228"), "not '01437'"),
        (lambda G: G.nodes["01437-nature-a"].update(id="other"), "differs from the node key"),
        (lambda G: G.edges["01228", "01437"].update(minutes=-1.0), "minutes=-1.0"),
        (lambda G: G.edges["01228", "01437"].update(km=float("nan")), "km=nan"),
        (lambda G: G.edges["01228", "01437"].pop("adjacent"), "adjacent=None"),
        (lambda G: G.edges["01228", "01437"].update(kind="road"), "kind 'road'"),
        (
            lambda G: G.add_edge(
                "01228", "01434-sight-a", kind="travel", minutes=1.0, km=1.0, adjacent=False
            ),
            "must join two municipalities",
        ),
        (lambda G: G.add_edge("01228", "01437", kind="contains"), "municipality and an asset"),
        (lambda G: G.remove_edge("01434", "01434-sight-a"), "without a 'contains' edge"),
    ],
)
def test_validate_catches_each_violation(good: nx.Graph, breaker, fragment: str) -> None:  # type: ignore[no-untyped-def]
    breaker(good)
    problems = problems_of(good)
    assert any(fragment in p for p in problems), problems


def test_validate_collects_everything(good: nx.Graph) -> None:
    good.graph["crs"] = None
    good.nodes["01228"]["lat"] = 200.0
    good.edges["01228", "01437"]["minutes"] = -5.0
    problems = problems_of(good)
    assert len(problems) == 3
    with pytest.raises(GraphValidationError, match="3 graph problems"):
        validate_graph(good)


def test_validate_rejects_directed(good: nx.Graph) -> None:
    assert any("undirected" in p for p in problems_of(nx.DiGraph(good)))


def test_inf_minutes_allowed(good: nx.Graph) -> None:
    good.edges["01228", "01437"]["minutes"] = float("inf")
    validate_graph(good)


def test_read_boundaries_geopackage_other_crs_int_codes(tmp_path: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import box

    gdf = gpd.GeoDataFrame(
        {"code": [1428, 1429, 1428]},  # integers lose the leading zero
        geometry=[box(141.6, 42.9, 141.8, 43.1), box(141.8, 42.9, 142.0, 43.1),
                  box(141.6, 43.1, 141.7, 43.2)],
        crs="EPSG:6668",  # JGD2011, as N03 ships
    ).to_crs("EPSG:3857")  # fmt: skip
    path = tmp_path / "towns.gpkg"
    gdf.to_file(path, driver="GPKG")
    out = read_boundaries(path)
    assert list(out["code"]) == ["01428", "01429"]
    assert list(out.columns) == ["code", "geometry"]
    assert out.crs.to_string() == "EPSG:4326"
    minx, _, _, maxy = out.total_bounds
    assert abs(minx - 141.6) < 1e-6 and abs(maxy - 43.2) < 1e-6
    assert adjacent_pairs(out) == {("01428", "01429")}
