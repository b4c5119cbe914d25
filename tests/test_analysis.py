"""Complementarity analysis on a hand-made catalog (checked by hand) and the embedded data."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from areatour.analysis import (
    area_profile,
    best_partners,
    complementarity,
    coverage_gaps,
    plot_complementarity,
)
from areatour.catalog import Catalog, load_catalog
from areatour.errors import ValidationError
from areatour.travel import MatrixModel, StraightLineModel

FIXTURE = Path(__file__).parent / "fixtures" / "analysis"
CODES = ["01228", "01433", "01434", "01437", "01438"]  # 深川 妹背牛 秩父別 北竜 沼田


@pytest.fixture(scope="module")
def tiny() -> Catalog:
    return load_catalog(FIXTURE)


@pytest.fixture(scope="module")
def flat(tiny: Catalog) -> MatrixModel:
    """Every trip between different towns takes 60 minutes and 50 km."""
    pts = np.array([tiny.municipalities[c].point for c in CODES])
    n = len(CODES)
    off = 1 - np.eye(n)
    return MatrixModel(tuple(CODES), pts, 60.0 * off, 50.0 * off, closures=None)


def test_profile_counts_and_appeal(tiny: Catalog) -> None:
    p = area_profile(tiny, "kita-sorachi")
    assert list(p.index) == CODES
    assert p.index.name == "code"
    assert list(p.columns.names) == ["measure", "category"]
    assert "gateway" not in p["count"].columns
    count, appeal = p["count"], p["appeal"]
    assert count.loc["01228"].to_dict() == {
        "sight": 1, "nature": 0, "gourmet": 1, "onsen": 1, "activity": 0, "workspace": 0,
        "lodging": 0, "local_business": 0,
    }  # fmt: skip
    assert appeal.loc["01437", "nature"] == 5
    assert appeal.loc["01434"].sum() == 6
    assert count.loc["01438"].sum() == 0
    only = area_profile(tiny, "kita-sorachi", categories=["onsen", "gateway"])
    assert list(only["count"].columns) == ["onsen", "gateway"]
    assert only["count"]["onsen"].tolist() == [1, 1, 0, 0, 0]


def test_complementarity_by_hand(tiny: Catalog, flat: MatrixModel) -> None:
    df = complementarity(tiny, "kita-sorachi", travel=flat)
    assert len(df) == 20
    row = df[(df.a == "01228") & (df.b == "01437")].iloc[0]
    # 深川 lacks nature and lodging; 北竜 has nature 5 and lodging 3
    assert row.adds == "nature;lodging"
    assert row.gain == 8.0
    assert row.discount == pytest.approx(math.exp(-1.0))
    assert row.score == pytest.approx(8.0 * math.exp(-1.0))
    # 沼田 has nothing: every partner fills whatever it has (best appeal per category)
    numata = df[df.a == "01438"].set_index("b")
    assert numata.loc["01228", "gain"] == 3 + 4 + 2
    assert numata.loc["01437", "gain"] == 5 + 2 + 3
    # nobody gains from 沼田
    assert (df[df.b == "01438"].gain == 0).all()
    # sorted by a (area order) then score
    assert list(dict.fromkeys(df.a)) == CODES


def test_best_partners(tiny: Catalog, flat: MatrixModel) -> None:
    best = best_partners(complementarity(tiny, "kita-sorachi", travel=flat)).set_index("a")
    assert list(best.index) == CODES
    assert best.loc["01228", "b"] == "01437"  # nature 5 + lodging 3 = 8
    assert best.loc["01433", "b"] == "01437"  # nature, gourmet, lodging = 10
    assert best.loc["01434", "b"] == "01228"  # gourmet 4 + onsen 2 = 6 > 北竜 2+3 = 5
    assert best.loc["01437", "b"] == "01228"  # sight 3 + onsen 2 = 5
    assert best.loc["01438", "b"] == "01437"  # 10, beats 深川's 9


def test_best_partners_none_when_nothing_to_add(tiny: Catalog, flat: MatrixModel) -> None:
    df = complementarity(tiny, "kita-sorachi", travel=flat, categories=["workspace"])
    best = best_partners(df)
    assert best["b"].isna().all() and (best["adds"] == "").all()


def test_distance_discount_changes_the_winner(tiny: Catalog) -> None:
    # make 北竜 very far from 深川: 深川 then prefers 秩父別 (nature 4) nearby
    pts = np.array([tiny.municipalities[c].point for c in CODES])
    minutes = 20.0 * (1 - np.eye(5))
    minutes[0, 3] = minutes[3, 0] = 600.0
    model = MatrixModel(tuple(CODES), pts, minutes, minutes, closures=None)
    best = best_partners(complementarity(tiny, "kita-sorachi", travel=model)).set_index("a")
    assert best.loc["01228", "b"] == "01434"
    df = complementarity(tiny, "kita-sorachi", travel=model, scale_minutes=1e9)
    assert best_partners(df).set_index("a").loc["01228", "b"] == "01437"


def test_complementarity_validation(tiny: Catalog) -> None:
    with pytest.raises(ValidationError):
        complementarity(tiny, "kita-sorachi", scale_minutes=0)
    with pytest.raises(ValidationError, match="unknown categories"):
        complementarity(tiny, "kita-sorachi", categories=["spa"])


def test_coverage_gaps(tiny: Catalog) -> None:
    gaps = coverage_gaps(tiny, "kita-sorachi")
    assert set(gaps.category) == {"activity", "workspace", "local_business"}
    ws = gaps[gaps.category == "workspace"].iloc[0]
    assert ws.found and ws.code == "01204" and ws["rank"] == 1
    assert ws.name_ja == "旭川市" and ws.assets == 1 and ws.best_appeal == 3
    assert ws.from_code == "01228"  # 深川 is the member nearest to 旭川
    assert ws.minutes > 0 and ws.km > 0
    none = gaps[gaps.category == "activity"].iloc[0]
    assert not none.found and none["rank"] == 0 and pd.isna(none.code)
    assert gaps.label_en[gaps.category == "workspace"].iloc[0] == "Workspace"


def test_coverage_gaps_empty_when_complete(tiny: Catalog) -> None:
    gaps = coverage_gaps(tiny, "kita-sorachi", categories=["sight", "onsen"])
    assert gaps.empty and "category" in gaps.columns


def test_plot_complementarity(tiny: Catalog, flat: MatrixModel) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    df = complementarity(tiny, "kita-sorachi", travel=flat)
    ax = plot_complementarity(df, lang="en")
    image = ax.images[0].get_array()
    assert image.shape == (5, 5)
    assert np.ma.is_masked(image[0, 0]) or np.isnan(image[0, 0])  # no self-pairs
    assert [t.get_text() for t in ax.get_yticklabels()][3] == "Hokuryu"
    with pytest.raises(ValidationError):
        plot_complementarity(df, value="nope")
    plt.close("all")


# ------------------------------------------------------------------ embedded data


@pytest.fixture(scope="module")
def embedded() -> Catalog:
    return load_catalog()


@pytest.mark.parametrize("area", ["kita-sorachi", "naka-sorachi", "minami-sorachi", "nemuro"])
def test_embedded_areas(embedded: Catalog, area: str) -> None:
    members = embedded.area(area).members
    profile = area_profile(embedded, area)
    assert list(profile.index) == list(members)
    assert int(profile["count"].to_numpy().sum()) > 0
    df = complementarity(embedded, area)
    assert len(df) == len(members) * (len(members) - 1)
    assert (df.score >= 0).all() and (df.score <= df.gain).all()
    best = best_partners(df)
    assert len(best) == len(members)
    gaps = coverage_gaps(embedded, area)
    assert set(gaps.category) <= set(profile["count"].columns)
    for category in gaps.category:
        assert profile["count"][category].sum() == 0


def test_nemuro_winter_closure_discounts_rausu(embedded: Catalog) -> None:
    area = embedded.custom_area(["01694", "01545"], id="shiretoko")
    model = StraightLineModel()
    summer = complementarity(embedded, area, travel=model, date=dt.date(2026, 8, 1))
    winter = complementarity(embedded, area, travel=model, date=dt.date(2027, 1, 15))
    assert (winter.minutes > summer.minutes).all()
    assert (winter.discount < summer.discount).all()


def test_single_town_area(tiny: Catalog) -> None:
    area = tiny.custom_area(["01228"])
    assert area_profile(tiny, area).shape == (1, 16)
    scores = complementarity(tiny, area)
    assert scores.empty and best_partners(scores).empty
    assert set(coverage_gaps(tiny, area).category) == {
        "nature", "activity", "workspace", "lodging", "local_business",
    }  # fmt: skip
