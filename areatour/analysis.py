"""Which towns of an area complement each other, and what the area lacks.

* :func:`area_profile`: towns × categories, asset counts and appeal sums.
* :func:`complementarity`: for each ordered pair of towns (A, B), what B adds
  to A: the categories A has no asset in, each worth the appeal of B's best
  asset in it, discounted by the drive between the two seats.
* :func:`best_partners`: each town's most complementary partner.
* :func:`coverage_gaps`: categories with no asset anywhere in the area, and the
  nearest towns outside it that have one.
* :func:`plot_complementarity`: a heatmap of the scores (matplotlib, imported
  only when called).

The gateway category (airports, stations) is left out by default: it is how a
trip starts, not something one town offers another.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .errors import ValidationError

if TYPE_CHECKING:
    import pandas as pd

    from .catalog import Catalog
    from .model import Area
    from .travel import TravelModel

__all__ = [
    "DEFAULT_EXCLUDED",
    "area_profile",
    "best_partners",
    "complementarity",
    "coverage_gaps",
    "plot_complementarity",
]

#: Categories left out of complementarity and gaps unless asked for.
DEFAULT_EXCLUDED = ("gateway",)


def _categories(catalog: Catalog, categories: Sequence[str] | None) -> list[str]:
    if categories is None:
        return [c for c in catalog.categories if c not in DEFAULT_EXCLUDED]
    unknown = [c for c in categories if c not in catalog.categories]
    if unknown:
        raise ValidationError(
            f"unknown categories {unknown}; valid: {', '.join(catalog.categories)}"
        )
    return list(categories)


def area_profile(
    catalog: Catalog, area: str | Area, *, categories: Sequence[str] | None = None
) -> pd.DataFrame:
    """Assets per town and category: counts and appeal sums.

    Parameters
    ----------
    catalog
        The catalog.
    area
        Area id, name or :class:`~areatour.model.Area`.
    categories
        Categories to include (default: all but ``gateway``), in this order.

    Returns
    -------
    pandas.DataFrame
        Index ``code`` (the member towns, in the area's order); columns a
        two-level MultiIndex ``(measure, category)`` with measure ``"count"``
        (number of assets) and ``"appeal"`` (sum of their 1–5 appeal).
        ``profile["count"]`` and ``profile["appeal"]`` give the two tables.

    Examples
    --------
    >>> from areatour.catalog import load_catalog
    >>> p = area_profile(load_catalog(), "nemuro")
    >>> list(p.columns.get_level_values("measure").unique())
    ['count', 'appeal']
    >>> int(p["count"].loc["01694"].sum()) > 0
    True
    """
    import pandas as pd

    area_obj = catalog.area(area)
    cats = _categories(catalog, categories)
    codes = list(area_obj.members)
    col = {c: k for k, c in enumerate(cats)}
    counts = np.zeros((len(codes), len(cats)), dtype=np.int64)
    appeals = np.zeros_like(counts)
    for i, code in enumerate(codes):
        for asset in catalog.assets_in(code):
            k = col.get(asset.category)
            if k is not None:
                counts[i, k] += 1
                appeals[i, k] += int(asset.appeal)
    index = pd.Index(codes, name="code")
    count = pd.DataFrame(counts, index=index, columns=pd.Index(cats, name="category"))
    appeal = pd.DataFrame(appeals, index=index, columns=pd.Index(cats, name="category"))
    return pd.concat({"count": count, "appeal": appeal}, axis=1, names=["measure", "category"])


def _best_appeal(catalog: Catalog, codes: Sequence[str], cats: Sequence[str]) -> np.ndarray:
    """``(towns, categories)`` array of the best appeal (0 when the town has none)."""
    best = np.zeros((len(codes), len(cats)))
    col = {c: k for k, c in enumerate(cats)}
    for i, code in enumerate(codes):
        for asset in catalog.assets_in(code):
            k = col.get(asset.category)
            if k is not None:
                best[i, k] = max(best[i, k], float(asset.appeal))
    return best


def complementarity(
    catalog: Catalog,
    area: str | Area,
    *,
    travel: TravelModel | None = None,
    date: dt.date | None = None,
    categories: Sequence[str] | None = None,
    scale_minutes: float = 60.0,
) -> pd.DataFrame:
    """What each town adds to each other town of the area.

    For an ordered pair (A, B) the *gain* is the sum, over the categories in
    which A has no asset, of the appeal of B's best asset in that category
    (1–5; one good onsen fills the gap, a second adds nothing). The *score*
    discounts the gain by the drive between the two seats::

        score = gain * exp(-minutes / scale_minutes)

    so a partner one hour away counts 37 %, two hours 14 %.

    Parameters
    ----------
    catalog
        The catalog.
    area
        Area id, name or :class:`~areatour.model.Area`.
    travel
        Travel model; defaults to :class:`~areatour.travel.StraightLineModel`.
    date
        Travel date (season and closures, e.g. 知床峠 in winter).
    categories
        Categories considered (default: all but ``gateway``).
    scale_minutes
        Minutes over which the discount falls to 1/e.

    Returns
    -------
    pandas.DataFrame
        One row per ordered pair, columns ``a``, ``b`` (codes), ``a_name_ja``,
        ``b_name_ja``, ``a_name_en``, ``b_name_en``, ``minutes``, ``km``,
        ``adds`` (``;``-joined categories B fills for A), ``gain``,
        ``discount`` and ``score``; sorted by ``a`` then descending ``score``.

    Raises
    ------
    ValidationError
        ``scale_minutes`` not positive or an unknown category.

    Examples
    --------
    >>> from areatour import load_catalog
    >>> scores = complementarity(load_catalog(), "nemuro")
    >>> {"a", "b", "score"} <= set(scores.columns)
    True
    """
    import pandas as pd

    from .travel import StraightLineModel

    if not (isinstance(scale_minutes, (int, float)) and scale_minutes > 0):
        raise ValidationError(f"scale_minutes must be positive, got {scale_minutes!r}")
    area_obj = catalog.area(area)
    cats = _categories(catalog, categories)
    codes = list(area_obj.members)
    towns = [catalog.municipalities[c] for c in codes]
    best = _best_appeal(catalog, codes, cats)
    has = best > 0
    model = travel if travel is not None else StraightLineModel()
    points = np.array([[t.lat, t.lon] for t in towns], dtype=np.float64).reshape(-1, 2)
    minutes, km = model.matrix(points, date)
    rows: list[dict[str, Any]] = []
    for i, a in enumerate(towns):
        for j, b in enumerate(towns):
            if i == j:
                continue
            fills = ~has[i] & has[j]
            gain = float(best[j][fills].sum())
            discount = math.exp(-float(minutes[i, j]) / scale_minutes)
            rows.append(
                {
                    "a": a.code, "b": b.code, "a_name_ja": a.name_ja, "b_name_ja": b.name_ja,
                    "a_name_en": a.name_en, "b_name_en": b.name_en,
                    "minutes": float(minutes[i, j]), "km": float(km[i, j]),
                    "adds": ";".join(c for c, f in zip(cats, fills, strict=True) if f),
                    "gain": gain, "discount": discount, "score": gain * discount,
                }
            )  # fmt: skip
    columns = ["a", "b", "a_name_ja", "b_name_ja", "a_name_en", "b_name_en", "minutes", "km",
               "adds", "gain", "discount", "score"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns)
    order = {c: k for k, c in enumerate(codes)}
    frame["_order"] = frame["a"].map(order)
    frame = frame.sort_values(
        ["_order", "score", "minutes", "b"], ascending=[True, False, True, True]
    )
    return frame.drop(columns="_order").reset_index(drop=True)


def best_partners(scores: pd.DataFrame) -> pd.DataFrame:
    """Each town's best partner from a :func:`complementarity` table.

    Parameters
    ----------
    scores
        The output of :func:`complementarity`.

    Returns
    -------
    pandas.DataFrame
        One row per town ``a`` (in the table's order) with the columns of the
        best row (highest score; ties go to the shorter drive, then the lower
        code). When no town adds anything (score 0), ``b`` and the partner's
        names are ``None`` and ``adds`` is empty.

    Examples
    --------
    >>> from areatour import load_catalog
    >>> partners = best_partners(complementarity(load_catalog(), "nemuro"))
    >>> len(partners)
    5
    """
    frame = scores.sort_values(["score", "minutes", "b"], ascending=[False, True, True])
    best = frame.groupby("a", sort=False).head(1).set_index("a")
    best = best.loc[list(dict.fromkeys(scores["a"]))].reset_index()
    none = best["score"] <= 0
    for column in ("b", "b_name_ja", "b_name_en"):
        best[column] = best[column].astype(object).where(~none, None)
    best.loc[none, "adds"] = ""
    return best


def coverage_gaps(
    catalog: Catalog,
    area: str | Area,
    *,
    categories: Sequence[str] | None = None,
    travel: TravelModel | None = None,
    date: dt.date | None = None,
    nearest: int = 3,
) -> pd.DataFrame:
    """Categories with no asset anywhere in the area, and where to find them nearby.

    Uses every asset in the catalog: for each missing category, the towns
    outside the area that have at least one asset of it, nearest first (drive
    minutes from the closest member seat).

    Parameters
    ----------
    catalog
        The catalog.
    area
        Area id, name or :class:`~areatour.model.Area`.
    categories
        Categories checked (default: all but ``gateway``).
    travel
        Travel model; defaults to :class:`~areatour.travel.StraightLineModel`.
    date
        Travel date.
    nearest
        How many outside towns to list per missing category.

    Returns
    -------
    pandas.DataFrame
        One row per (missing category, outside town), columns ``category``,
        ``label_ja``, ``label_en``, ``rank`` (1 = nearest), ``code``,
        ``name_ja``, ``name_en``, ``from_code`` (the member town it is nearest
        to), ``minutes``, ``km``, ``assets`` (how many), ``best_appeal`` and
        ``found``. A category that no loaded town has gets a single row with
        ``found=False``, ``rank=0`` and empty town columns ("none found").
        Empty when the area lacks nothing.

    Examples
    --------
    >>> from areatour import load_catalog
    >>> gaps = coverage_gaps(load_catalog(), "nemuro")
    >>> "category" in gaps.columns
    True
    """
    import pandas as pd

    from .travel import StraightLineModel

    area_obj = catalog.area(area)
    cats = _categories(catalog, categories)
    members = set(area_obj.members)
    present = {a.category for code in members for a in catalog.assets_in(code)}
    missing = [c for c in cats if c not in present]
    columns = ["category", "label_ja", "label_en", "rank", "code", "name_ja", "name_en",
               "from_code", "minutes", "km", "assets", "best_appeal", "found"]  # fmt: skip
    if not missing:
        return pd.DataFrame(columns=columns)
    member_codes = list(area_obj.members)
    candidates: dict[str, dict[str, list[int]]] = {c: {} for c in missing}
    for asset in catalog.assets.values():
        if asset.category in candidates and asset.municipality_code not in members:
            candidates[asset.category].setdefault(asset.municipality_code, []).append(
                int(asset.appeal)
            )
    outside = sorted({code for per in candidates.values() for code in per})
    model = travel if travel is not None else StraightLineModel()
    rows: list[dict[str, Any]] = []
    minutes = km = np.zeros((0, 0))
    if outside:
        codes = member_codes + outside
        pts = np.array([catalog.municipalities[c].point for c in codes], dtype=np.float64)
        minutes, km = model.matrix(pts, date)
    n = len(member_codes)
    for category in missing:
        label = catalog.categories[category]
        base = {"category": category, "label_ja": label.label_ja, "label_en": label.label_en}
        found = []
        for code, appeals in candidates[category].items():
            j = n + outside.index(code)
            i = int(np.argmin(minutes[:n, j]))
            found.append((float(minutes[i, j]), code, member_codes[i], float(km[i, j]), appeals))
        found.sort()
        if not found:
            rows.append({**base, "rank": 0, "code": None, "name_ja": None, "name_en": None,
                         "from_code": None, "minutes": np.nan, "km": np.nan, "assets": 0,
                         "best_appeal": 0, "found": False})  # fmt: skip
            continue
        for rank, (mins, code, from_code, dist, appeals) in enumerate(found[:nearest], start=1):
            town = catalog.municipalities[code]
            rows.append({**base, "rank": rank, "code": code, "name_ja": town.name_ja,
                         "name_en": town.name_en, "from_code": from_code, "minutes": mins,
                         "km": dist, "assets": len(appeals), "best_appeal": max(appeals),
                         "found": True})  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def plot_complementarity(
    scores: pd.DataFrame, ax: Any = None, *, value: str = "score", lang: str = "ja"
) -> Any:
    """Heatmap of a :func:`complementarity` table: rows A (receives), columns B (adds).

    Parameters
    ----------
    scores
        The output of :func:`complementarity`.
    ax
        A matplotlib Axes; a new figure is made when ``None``.
    value
        Column to show (``"score"``, ``"gain"`` or ``"minutes"``).
    lang
        ``"ja"`` or ``"en"`` town names on the axes.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt

    if value not in scores.columns:
        raise ValidationError(f"no column {value!r} in the scores table")
    order = list(dict.fromkeys(list(scores["a"]) + list(scores["b"])))
    matrix = scores.pivot(index="a", columns="b", values=value).reindex(index=order, columns=order)
    name_col = "a_name_en" if lang == "en" else "a_name_ja"
    names = dict(zip(scores["a"], scores[name_col], strict=False))
    if ax is None:
        _, ax = plt.subplots(figsize=(1.0 + 0.6 * len(order), 0.8 + 0.5 * len(order)))
    image = ax.imshow(matrix.to_numpy(dtype=float), cmap="viridis")
    labels = [names.get(c, c) for c in order]
    ax.set_xticks(range(len(order)), labels, rotation=45, ha="right")
    ax.set_yticks(range(len(order)), labels)
    ax.set_xlabel("B (adds)")
    ax.set_ylabel("A (receives)")
    ax.set_title(f"complementarity: {value}")
    ax.figure.colorbar(image, ax=ax)
    return ax
