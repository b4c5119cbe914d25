"""StraightLineModel: formula, seasons, validation, cache."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from areatour.errors import ValidationError
from areatour.travel import StraightLineModel, haversine_km

SUMMER = dt.date(2026, 7, 15)
WINTER = dt.date(2027, 1, 20)
PTS = np.array([[43.0, 141.0], [43.0, 142.0], [43.5, 141.5], [44.0, 143.0]])


def test_formula_by_hand() -> None:
    m = StraightLineModel(
        circuity=1.25, speed_kmh=40, long_speed_kmh=80, speed_scale_km=50,
        overhead_minutes=5, winter_speed_kmh=30, closures=None,
    )  # fmt: skip
    minutes, km = m.matrix(PTS[:2])
    gc = float(haversine_km(43.0, 141.0, 43.0, 142.0))
    d = gc * 1.25
    v = 40 + 40 * (1 - np.exp(-d / 50))
    assert km[0, 1] == pytest.approx(d)
    assert minutes[0, 1] == pytest.approx(5 + 60 * d / v)
    w_minutes, w_km = m.matrix(PTS[:2], WINTER)
    assert w_km[0, 1] == pytest.approx(d)
    assert w_minutes[0, 1] == pytest.approx(5 + 60 * d / (v - 10))


def test_shapes_symmetry_diagonal() -> None:
    minutes, km = StraightLineModel(closures=None).matrix(PTS, SUMMER)
    assert minutes.shape == km.shape == (4, 4)
    np.testing.assert_allclose(minutes, minutes.T)
    np.testing.assert_allclose(np.diag(minutes), 0.0)
    np.testing.assert_allclose(np.diag(km), 0.0)
    assert (minutes[~np.eye(4, dtype=bool)] > 0).all()


def test_winter_slower_than_summer_and_none_is_summer() -> None:
    m = StraightLineModel(closures=None)
    s, _ = m.matrix(PTS, SUMMER)
    w, _ = m.matrix(PTS, WINTER)
    n, _ = m.matrix(PTS, None)
    off = ~np.eye(4, dtype=bool)
    assert (w[off] > s[off]).all()
    np.testing.assert_allclose(n, s)


def test_custom_winter_months() -> None:
    m = StraightLineModel(winter_months=(11,), closures=None)
    s, _ = m.matrix(PTS, dt.date(2026, 1, 10))
    w, _ = m.matrix(PTS, dt.date(2026, 11, 10))
    assert w[0, 1] > s[0, 1]


def test_speed_rises_with_distance_and_time_is_monotone() -> None:
    m = StraightLineModel(closures=None)
    d = np.linspace(0, 400, 200)
    v = m.speed(d)
    assert (np.diff(v) > 0).all()
    t = 60 * d / v
    assert (np.diff(t) > 0).all()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"circuity": 0.9},
        {"speed_kmh": 0},
        {"long_speed_kmh": -5},
        {"speed_scale_km": float("nan")},
        {"winter_speed_kmh": 90},
        {"winter_months": (13,)},
        {"overhead_minutes": -1},
        {"cache_size": -1},
    ],
)
def test_validation(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        StraightLineModel(closures=None, **kwargs)  # type: ignore[arg-type]


def test_cache_hits_and_read_only() -> None:
    m = StraightLineModel(closures=None, cache_size=4)
    a = m.matrix(PTS, SUMMER)
    b = m.matrix(PTS.copy(), dt.date(2026, 8, 1))  # same season, equal points
    assert a[0] is b[0]
    assert m._cache.hits == 1
    c = m.matrix(PTS, WINTER)
    assert c[0] is not a[0]
    with pytest.raises(ValueError):
        a[0][0, 1] = 1.0
    m.clear_cache()
    assert len(m._cache) == 0


def test_cache_evicts_oldest() -> None:
    m = StraightLineModel(closures=None, cache_size=2)
    for k in range(3):
        m.matrix(PTS + k * 0.01)
    assert len(m._cache) == 2


def test_frozen() -> None:
    m = StraightLineModel(closures=None)
    with pytest.raises(AttributeError):
        m.circuity = 2.0  # type: ignore[misc]


def test_default_closures_loaded() -> None:
    assert any(c.id == "shiretoko-pass" for c in StraightLineModel().closure_set)


def test_east_zone_fraction_and_effect() -> None:
    m = StraightLineModel(east_meridian=144.0, east_long_speed_kmh=49.0, closures=None)
    west, east = np.array([[43.0, 142.0], [43.0, 143.0]]), np.array([[43.0, 145.0]])
    frac = m.east_fraction(np.vstack([west, east]), np.vstack([west, east]))
    np.testing.assert_allclose(frac[0, 1], 0.0)  # both west
    np.testing.assert_allclose(frac[2, 2], 1.0)  # east point with itself
    np.testing.assert_allclose(frac[0, 2], 1 / 3)  # 142 -> 145: one third east of 144
    np.testing.assert_allclose(frac[1, 2], 0.5)
    off = StraightLineModel(closures=None)
    assert off.east_fraction(west, east).sum() == 0
    # east trips are slower than the same trip without the zone; west trips unchanged
    far_east = [(43.3, 145.58), (44.02, 145.19)]  # 根室 -> 羅臼
    assert m.matrix(far_east)[0][0, 1] > off.matrix(far_east)[0][0, 1]
    far_west = [(43.06, 141.35), (43.77, 142.37)]
    np.testing.assert_allclose(m.matrix(far_west)[0], off.matrix(far_west)[0])


def test_east_zone_validation_only_when_on() -> None:
    StraightLineModel(east_long_speed_kmh=1.0, closures=None)  # zone off: not checked
    with pytest.raises(ValidationError):
        StraightLineModel(east_meridian=144.0, east_long_speed_kmh=1.0, closures=None)
    with pytest.raises(ValidationError):
        StraightLineModel(east_meridian=400.0, closures=None)
