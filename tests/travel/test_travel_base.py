"""Geometry helpers and the protocol."""

from __future__ import annotations

import numpy as np
import pytest

from areatour.errors import ValidationError
from areatour.travel import (
    MatrixModel,
    StraightLineModel,
    TravelModel,
    as_points,
    haversine_km,
    haversine_matrix_km,
    leg_path,
)


def test_haversine_known_distances() -> None:
    # one degree of longitude on the equator = 2*pi*R/360
    assert haversine_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.195, abs=1e-3)
    # pole to equator = quarter circumference
    assert haversine_km(90.0, 0.0, 0.0, 0.0) == pytest.approx(10007.54, abs=0.1)
    # 札幌市役所 -> 旭川市役所, about 113.5 km great-circle
    assert haversine_km(43.061972, 141.354374, 43.771404, 142.365314) == pytest.approx(
        113.5, abs=0.2
    )


def test_haversine_matrix_symmetric_zero_diagonal() -> None:
    pts = np.array([[43.0, 141.0], [43.5, 141.5], [44.0, 145.0]])
    d = haversine_matrix_km(pts)
    assert d.shape == (3, 3)
    np.testing.assert_allclose(d, d.T)
    np.testing.assert_allclose(np.diag(d), 0.0)
    assert d[0, 1] == pytest.approx(float(haversine_km(43.0, 141.0, 43.5, 141.5)))


@pytest.mark.parametrize(
    "bad",
    [
        [[43.0, 141.0, 1.0]],
        [[95.0, 141.0]],
        [[43.0, 200.0]],
        [[np.nan, 141.0]],
        [["a", "b"]],
    ],
)
def test_as_points_rejects(bad: object) -> None:
    with pytest.raises(ValidationError):
        as_points(bad)  # type: ignore[arg-type]


def test_as_points_empty() -> None:
    assert as_points([]).shape == (0, 2)


def test_models_satisfy_protocol() -> None:
    assert isinstance(StraightLineModel(closures=None), TravelModel)
    model = MatrixModel(("a",), np.array([[43.0, 141.0]]), np.zeros((1, 1)), np.zeros((1, 1)))
    assert isinstance(model, TravelModel)


def test_leg_path_fallback_and_model_path() -> None:
    a, b = (43.0, 141.0), (43.5, 141.5)
    assert leg_path(object(), a, b) == [a, b]
    assert leg_path(StraightLineModel(closures=None), a, b) == [a, b]
