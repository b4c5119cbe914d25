"""Property tests of StraightLineModel (hypothesis)."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from areatour.travel import StraightLineModel

MODEL = StraightLineModel(closures=None, cache_size=0)
point = st.tuples(st.floats(41.4, 45.5), st.floats(139.8, 145.8))
dates = st.sampled_from([None, dt.date(2026, 8, 1), dt.date(2027, 1, 15)])


@settings(max_examples=60, deadline=None)
@given(st.lists(point, min_size=1, max_size=12), dates)
def test_matrix_is_a_metric_like_table(points: list[tuple[float, float]], date: dt.date) -> None:
    minutes, km = MODEL.matrix(points, date)
    n = len(points)
    assert minutes.shape == km.shape == (n, n)
    assert np.isfinite(minutes).all() and (minutes >= 0).all() and (km >= 0).all()
    np.testing.assert_allclose(minutes, minutes.T)
    np.testing.assert_allclose(np.diag(minutes), 0.0)
    # speed rises with distance, so time per km falls: the triangle inequality holds
    via = minutes[:, :, None] + minutes[None, :, :]  # i -> j -> k
    assert (minutes[:, None, :] <= via + 1e-6).all()
    via_km = km[:, :, None] + km[None, :, :]
    assert (km[:, None, :] <= via_km + 1e-6).all()


@settings(max_examples=40, deadline=None)
@given(point, point)
def test_winter_never_faster(a: tuple[float, float], b: tuple[float, float]) -> None:
    summer, _ = MODEL.matrix([a, b], dt.date(2026, 8, 1))
    winter, _ = MODEL.matrix([a, b], dt.date(2027, 1, 15))
    assert winter[0, 1] >= summer[0, 1]


@settings(max_examples=40, deadline=None)
@given(st.lists(point, min_size=2, max_size=8), st.randoms(use_true_random=False))
def test_permuting_points_permutes_the_matrix(points: list[tuple[float, float]], rnd) -> None:  # type: ignore[no-untyped-def]
    order = list(range(len(points)))
    rnd.shuffle(order)
    minutes, _ = MODEL.matrix(points)
    shuffled, _ = MODEL.matrix([points[i] for i in order])
    np.testing.assert_allclose(shuffled, minutes[np.ix_(order, order)])
