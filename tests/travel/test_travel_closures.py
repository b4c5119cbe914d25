"""Seasonal closures: date ranges, catchments, detours, the 知床峠 data, the CSV loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from areatour.errors import DataError, ValidationError
from areatour.travel import (
    Closure,
    ClosureSet,
    StraightLineModel,
    default_closures,
    load_closures,
)

RAUSU = (44.021953, 145.189532)  # 羅臼町役場 (01694)
SHARI = (43.911441, 144.670713)  # 斜里町役場 (01545)
UTORO = (44.0690729, 144.9906685)  # 道の駅 うとろ・シリエトク
NAKASHIBETSU = (43.555191, 144.971504)  # 中標津町役場 (01692)
SHIBETSU = (43.661309, 145.131325)  # 標津町役場 (01693)


def closure(**kw: object) -> Closure:
    base: dict[str, object] = {
        "id": "x", "name_ja": "x", "name_en": "x",
        "gate_a": (44.0, 145.0), "radius_a_km": 10.0,
        "gate_b": (44.0, 145.2), "radius_b_km": 10.0,
        "start": (11, 1), "end": (4, 30),
    }  # fmt: skip
    base.update(kw)
    return Closure(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "closed"),
    [
        ((10, 31), False),
        ((11, 1), True),
        ((12, 31), True),
        ((1, 1), True),
        ((2, 29), True),
        ((4, 30), True),
        ((5, 1), False),
        ((7, 15), False),
    ],
)
def test_wrapping_range(day: tuple[int, int], closed: bool) -> None:
    year = 2028  # leap year, so 02-29 exists
    assert closure().active_on(dt.date(year, *day)) is closed


def test_non_wrapping_range_and_none() -> None:
    c = closure(start=(6, 1), end=(6, 30))
    assert c.active_on(dt.date(2026, 6, 1)) and c.active_on(dt.date(2026, 6, 30))
    assert not c.active_on(dt.date(2026, 7, 1))
    assert not c.active_on(None)


@pytest.mark.parametrize(
    "kw",
    [
        {"radius_a_km": 0.0},
        {"gate_b": (95.0, 145.0)},
        {"start": (2, 30)},
        {"detour_minutes": 60.0},  # km missing
        {"detour_minutes": 60.0, "detour_km": 50.0, "detour_via": ((44.0, 145.1),)},
        {"detour_minutes": -1.0, "detour_km": 5.0},
    ],
)
def test_closure_validation(kw: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        closure(**kw)


def test_duplicate_ids_rejected() -> None:
    with pytest.raises(ValidationError):
        ClosureSet((closure(), closure()))


def test_nearer_gate_rule_makes_catchments_disjoint() -> None:
    c = closure(radius_a_km=50.0, radius_b_km=50.0)  # circles overlap heavily
    pts = np.array([[44.0, 145.05], [44.0, 145.15], [44.0, 145.1], [46.0, 145.0]])
    in_a, in_b = c.sides(pts)
    assert not (in_a & in_b).any()
    assert in_a.tolist() == [True, False, True, False]  # a tie goes to A
    assert in_b.tolist() == [False, True, False, False]


def test_impassable_gives_inf_only_across() -> None:
    c = closure()
    model = StraightLineModel(closures=[c])
    pts = [(44.0, 145.01), (44.0, 145.19), (44.0, 145.02), (43.0, 141.0)]
    minutes, km = model.matrix(pts, dt.date(2027, 1, 10))
    assert np.isinf(minutes[0, 1]) and np.isinf(minutes[1, 0]) and np.isinf(km[0, 1])
    assert np.isinf(minutes[2, 1])
    assert np.isfinite(minutes[0, 2]) and np.isfinite(minutes[0, 3]) and np.isfinite(minutes[1, 3])
    summer, _ = model.matrix(pts, dt.date(2027, 7, 10))
    assert np.isfinite(summer).all()


def test_gate_to_gate_detour_minutes() -> None:
    c = closure(detour_minutes=120.0, detour_km=100.0)
    model = StraightLineModel(closures=[c])
    plain = StraightLineModel(closures=None)
    gate_a, gate_b = (44.0, 145.0), (44.0, 145.2)
    minutes, km = model.matrix([gate_a, gate_b], dt.date(2027, 1, 10))
    assert minutes[0, 1] == pytest.approx(120.0)
    assert km[0, 1] == pytest.approx(100.0)
    # a point off the gate pays its own access on top
    p = (44.02, 145.0)
    m2, _ = model.matrix([p, gate_b], dt.date(2027, 1, 10))
    access, _ = plain.matrix([p, gate_a], dt.date(2027, 1, 10))
    assert m2[0, 1] == pytest.approx(access[0, 1] + 120.0)


def test_detour_never_shortens_a_trip() -> None:
    c = closure(detour_minutes=0.0, detour_km=0.0)
    model = StraightLineModel(closures=[c])
    plain = StraightLineModel(closures=None)
    pts = [(44.0, 145.0), (44.0, 145.2)]
    day = dt.date(2027, 1, 10)
    np.testing.assert_allclose(model.matrix(pts, day)[0], plain.matrix(pts, day)[0])


def test_shiretoko_pass_rausu_shari_winter_vs_summer() -> None:
    model = StraightLineModel()
    plain = StraightLineModel(closures=None)
    pts = [RAUSU, SHARI, UTORO, NAKASHIBETSU, SHIBETSU]
    summer_day, winter_day = dt.date(2026, 8, 1), dt.date(2027, 2, 1)
    summer, _ = model.matrix(pts, summer_day)
    np.testing.assert_allclose(summer, plain.matrix(pts, summer_day)[0])
    winter, winter_km = model.matrix(pts, winter_day)
    open_winter, open_km = plain.matrix(pts, winter_day)
    # 羅臼–斜里 and 羅臼–ウトロ go round by 根北峠 in winter
    for i, j in ((0, 1), (1, 0), (0, 2), (2, 0)):
        assert winter[i, j] > open_winter[i, j] + 30
        assert winter_km[i, j] > open_km[i, j]
    # stated: ウトロ–羅臼 about 2.5 h and 112–130 km when the pass is closed
    assert 120 <= winter[2, 0] <= 200
    assert 100 <= winter_km[2, 0] <= 180
    # trips that never use the pass are unchanged
    for i, j in ((0, 3), (0, 4), (1, 3), (3, 4), (1, 2)):
        assert winter[i, j] == pytest.approx(open_winter[i, j])


def test_shiretoko_pass_on_catalog_seats() -> None:
    from areatour.catalog import load_catalog

    catalog = load_catalog()
    rausu, shari = catalog.municipalities["01694"], catalog.municipalities["01545"]
    model = StraightLineModel()
    pts = [rausu.point, shari.point]
    winter, _ = model.matrix(pts, dt.date(2027, 1, 15))
    summer, _ = model.matrix(pts, dt.date(2027, 7, 15))
    assert winter[0, 1] - summer[0, 1] > 40


def test_closure_dates_on_the_edges() -> None:
    model = StraightLineModel()
    pts = [RAUSU, UTORO]
    open_, _ = model.matrix(pts, dt.date(2026, 10, 31))
    closed, _ = model.matrix(pts, dt.date(2026, 11, 1))
    reopened, _ = model.matrix(pts, dt.date(2027, 5, 1))
    assert closed[0, 1] > 2 * open_[0, 1]
    assert reopened[0, 1] == pytest.approx(open_[0, 1])


HEADER = (
    "id,name_ja,name_en,a_name,a_lat,a_lon,a_radius_km,b_name,b_lat,b_lon,b_radius_km,"
    "start,end,detour_minutes,detour_km,detour_via,source\n"
)


def test_load_closures_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text(
        HEADER
        + "p,峠,Pass,A,44.0,145.0,10,B,44.0,145.2,10,12-01,03-31,,,44.1 145.1; 44.2 145.1,src\n"
        + "q,道,Road,A,43.0,141.0,5,B,43.1,141.0,5,01-10,01-20,90,70,,src\n"
        + "r,橋,Bridge,A,42.0,141.0,5,B,42.1,141.0,5,06-01,06-02,,,,src\n",
        encoding="utf-8",
    )
    cs = load_closures(path)
    assert [c.id for c in cs] == ["p", "q", "r"]
    assert cs.closures[0].detour_via == ((44.1, 145.1), (44.2, 145.1))
    assert cs.closures[1].detour_minutes == 90.0
    assert cs.closures[2].impassable
    assert cs.key(dt.date(2027, 1, 15)) == ("p", "q")


def test_load_closures_reports_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER
        + "p,峠,Pass,A,north,145.0,10,B,44.0,145.2,10,13-01,03-31,,,,src\n"
        + "q,道,Road,A,43.0,141.0,5,B,43.1,141.0,5,01-10,01-20,90,,,src\n"
        + "r,橋,Bridge,A,42.0,141.0,5,B,42.1,141.0,5,06-01,06-02,,,44 x,src\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as info:
        load_closures(path)
    text = str(info.value)
    assert "a_lat" in text and "start" in text and "row 2" in text and "detour_via" in text
    assert len(info.value.issues) == 4


def test_load_closures_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("id,name_ja\nx,y\n", encoding="utf-8")
    with pytest.raises(DataError):
        load_closures(path)


def test_default_closures_cached_and_valid() -> None:
    assert default_closures() is default_closures()
    (shiretoko,) = [c for c in default_closures() if c.id == "shiretoko-pass"]
    assert shiretoko.start == (11, 1) and shiretoko.end == (4, 30)
    assert len(shiretoko.detour_via) == 2


def test_path_follows_the_detour_in_winter() -> None:
    model = StraightLineModel()
    (shiretoko,) = [c for c in model.closure_set if c.id == "shiretoko-pass"]
    winter = model.path(RAUSU, UTORO, dt.date(2027, 1, 10))
    assert winter == [RAUSU, *shiretoko.detour_via, UTORO]
    back = model.path(UTORO, RAUSU, dt.date(2027, 1, 10))
    assert back == [UTORO, *reversed(shiretoko.detour_via), RAUSU]
    assert model.path(RAUSU, UTORO, dt.date(2027, 7, 10)) == [RAUSU, UTORO]
    assert model.path(RAUSU, NAKASHIBETSU, dt.date(2027, 1, 10)) == [RAUSU, NAKASHIBETSU]
