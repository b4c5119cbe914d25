"""Municipal boundary polygons (MLIT 国土数値情報 行政区域 N03) and town adjacency.

N03 ships one feature per polygon part (islands are separate features) with the
5-digit municipality code in ``N03_007``. :func:`read_boundaries` reads any
format pyogrio reads (GeoJSON, GeoPackage, Shapefile), dissolves the parts per
code and returns EPSG:4326 polygons; :func:`adjacent_pairs` lists the towns
whose polygons share a stretch of border.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataError, DataIssue, DataWarning

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["adjacent_pairs", "read_boundaries"]

_CODE_COLUMNS = ("code", "N03_007")
_NAME_COLUMNS = ("name_ja", "N03_004")


def _normalise_codes(values: Iterable[object]) -> list[str | None]:
    out: list[str | None] = []
    for value in values:
        if value is None or (isinstance(value, float) and value != value):
            out.append(None)
            continue
        text = str(value).strip()
        if text.endswith(".0"):
            text = text[:-2]
        out.append(text.zfill(5) if text.isdigit() and len(text) <= 5 else (text or None))
    return out


def read_boundaries(path: str | Path) -> gpd.GeoDataFrame:
    """Read municipal boundary polygons, one row per municipality code.

    Parameters
    ----------
    path
        An N03 file (GeoJSON, GeoPackage or Shapefile) or any polygon layer
        with a ``code`` column (5-digit JIS X 0402 code).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``code``, ``name_ja`` (when the source has ``N03_004`` or
        ``name_ja``) and ``geometry``, sorted by code, CRS EPSG:4326. Parts with
        the same code are dissolved into one (multi)polygon.

    Raises
    ------
    DataError
        Unreadable file, no code column, or no polygons.

    Warns
    -----
    DataWarning
        Features without a code (N03's 所属未定地) are dropped.

    Examples
    --------
    >>> gdf = read_boundaries("N03-22_01_220101.geojson")  # doctest: +SKIP
    >>> gdf.crs.to_string(), list(gdf.columns)  # doctest: +SKIP
    ('EPSG:4326', ['code', 'name_ja', 'geometry'])
    """
    import geopandas as gpd

    name = str(path)
    try:
        raw = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several unrelated types
        raise DataError(DataIssue(name, None, None, None, f"cannot read: {exc}")) from None
    code_col = next((c for c in _CODE_COLUMNS if c in raw.columns), None)
    if code_col is None:
        raise DataError(
            DataIssue(name, None, "code", None, "no 'code' or 'N03_007' column with the codes")
        )
    if raw.empty or raw.geometry.isna().all():
        raise DataError(DataIssue(name, None, None, None, "no polygons in the file"))
    frame = raw.copy()
    frame["code"] = _normalise_codes(frame[code_col])
    missing = frame["code"].isna()
    if missing.any():
        warnings.warn(
            f"{name}: dropped {int(missing.sum())} feature(s) without a municipality code",
            DataWarning,
            stacklevel=2,
        )
        frame = frame[~missing]
    geom_types = set(frame.geometry.geom_type.dropna())
    if not geom_types <= {"Polygon", "MultiPolygon"}:
        raise DataError(
            DataIssue(name, None, "geometry", ",".join(sorted(geom_types)), "expected polygons")
        )
    if frame.crs is None:
        frame = frame.set_crs("EPSG:4326")
    name_col = next((c for c in _NAME_COLUMNS if c in frame.columns), None)
    columns = ["code", "geometry"] if name_col is None else ["code", name_col, "geometry"]
    frame = frame[columns]
    if name_col is not None and name_col != "name_ja":
        frame = frame.rename(columns={name_col: "name_ja"})
    dissolved = frame.dissolve(by="code", aggfunc="first", as_index=False)
    dissolved = dissolved.to_crs("EPSG:4326").sort_values("code").reset_index(drop=True)
    dissolved = dissolved[[c for c in ("code", "name_ja", "geometry") if c in dissolved.columns]]
    return gpd.GeoDataFrame(dissolved, geometry="geometry", crs="EPSG:4326")


def adjacent_pairs(
    boundaries: gpd.GeoDataFrame, codes: Iterable[str] | None = None
) -> set[tuple[str, str]]:
    """Pairs of municipalities whose polygons share a border of positive length.

    Touching at a single point does not count.

    Parameters
    ----------
    boundaries
        A GeoDataFrame with a ``code`` column (e.g. from :func:`read_boundaries`).
    codes
        Only consider these codes (default: all).

    Returns
    -------
    set of (str, str)
        Each pair once, the smaller code first.
    """
    frame = boundaries
    if codes is not None:
        wanted = set(codes)
        frame = frame[frame["code"].isin(wanted)]
    frame = frame.reset_index(drop=True)
    geoms = frame.geometry.to_numpy()
    code_list = [str(c) for c in frame["code"]]
    left, right = frame.sindex.query(frame.geometry, predicate="intersects")
    pairs: set[tuple[str, str]] = set()
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j or code_list[i] == code_list[j]:
            continue
        shared = geoms[i].boundary.intersection(geoms[j].boundary)
        if shared.length > 0:
            a, b = sorted((code_list[i], code_list[j]))
            pairs.add((a, b))
    return pairs
