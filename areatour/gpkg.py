"""A catalog as one GeoPackage file.

Layers
------
``assets``
    Points (EPSG:4326) with the text columns of ``data/assets/*.csv`` except
    ``lat``/``lon``, which are the point's coordinates. (A layer made elsewhere
    may keep ``lat``/``lon`` columns; they must agree with the points.)
``municipalities``
    Points (the seats) with the columns of ``municipalities.csv`` except ``lat``/``lon``.
``areas``, ``area_members``, ``categories``, ``tags``, ``subcategories``
    Attribute tables without geometry, with the columns of the CSV files of the
    same names.

Every attribute is stored as text exactly as the CSV files hold it, so the
distinctions the loader makes (an empty ``wifi`` is "unknown", ``no`` is
"no") survive. Reading converts each layer back to a table of strings and runs
the loader's own checks on it; problems name the GeoPackage, the layer, the row
and the column. A layer that is missing falls back exactly as a missing file in
a catalog folder does (embedded municipalities, categories and tags; no assets).
Other layers (for example QGIS's ``layer_styles``) are ignored.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .areas_io import (
    AREA_COLUMNS,
    AREA_MEMBER_COLUMNS,
    CATEGORY_COLUMNS,
    MUNICIPALITY_COLUMNS,
    SEASON_COLUMNS,
    TAG_COLUMNS,
    area_member_rows,
    area_rows,
    category_rows,
    municipality_rows,
    season_rows,
    tag_rows,
)
from .errors import DataError, DataIssue
from .loader import ASSET_COLUMNS, CatalogData, read_catalog_folder
from .writer import asset_to_row

if TYPE_CHECKING:
    import pandas as pd

    from .catalog import Catalog

__all__ = ["GPKG_LAYERS", "read_gpkg", "write_gpkg"]

#: layer name -> the file it stands for inside a catalog folder
GPKG_LAYERS: dict[str, str] = {
    "assets": "assets/assets.csv",
    "municipalities": "municipalities/municipalities.csv",
    "areas": "municipalities/areas.csv",
    "area_members": "municipalities/area_members.csv",
    "categories": "categories.csv",
    "tags": "tags.csv",
    "subcategories": "subcategories.csv",
}
_POINT_LAYERS = ("assets", "municipalities")
_CRS = "EPSG:4326"


def _point_frame(rows: Sequence[Mapping[str, str]], columns: Sequence[str]) -> Any:
    import geopandas as gpd
    import pandas as pd

    attributes = [c for c in columns if c not in ("lat", "lon")]
    frame = pd.DataFrame(
        {c: pd.Series([r[c] for r in rows], dtype=object) for c in attributes},
        columns=attributes,
    )
    lon = [float(r["lon"]) for r in rows]
    lat = [float(r["lat"]) for r in rows]
    return gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(lon, lat), crs=_CRS)


def _table_frame(rows: Sequence[Mapping[str, str]], columns: Sequence[str]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(
        {c: pd.Series([r[c] for r in rows], dtype=object) for c in columns}, columns=list(columns)
    )


def write_gpkg(catalog: Catalog, path: str | Path) -> Path:
    """Write a catalog to one GeoPackage file; :func:`read_gpkg` reads it back unchanged.

    Parameters
    ----------
    catalog
        The catalog to write.
    path
        The ``.gpkg`` file; an existing file is replaced.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from areatour.catalog import load_catalog
    >>> cat = load_catalog()
    >>> out = write_gpkg(cat, pathlib.Path(tempfile.mkdtemp()) / "c.gpkg")
    >>> load_catalog(out) == cat
    True
    """
    import pyogrio

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    assets = [asset_to_row(a) for a in sorted(catalog.assets.values(), key=lambda a: a.id)]
    areas = list(catalog.areas.values())
    layers: list[tuple[str, Any]] = [
        ("assets", _point_frame(assets, ASSET_COLUMNS)),
        (
            "municipalities",
            _point_frame(municipality_rows(catalog.municipalities.values()), MUNICIPALITY_COLUMNS),
        ),
        ("areas", _table_frame(area_rows(areas), AREA_COLUMNS)),
        (
            "area_members",
            _table_frame(area_member_rows(areas, catalog.municipalities), AREA_MEMBER_COLUMNS),
        ),
        ("categories", _table_frame(category_rows(catalog.categories.values()), CATEGORY_COLUMNS)),
        ("tags", _table_frame(tag_rows(catalog.tags), TAG_COLUMNS)),
        ("subcategories", _table_frame(season_rows(catalog.seasons.values()), SEASON_COLUMNS)),
    ]
    for name, frame in layers:
        options: dict[str, Any] = {"geometry_type": "Point"} if name in _POINT_LAYERS else {}
        pyogrio.write_dataframe(frame, path, layer=name, driver="GPKG", **options)
    return path


def _text(value: object) -> str:
    """A layer value as the text a CSV cell would hold (NULL is an empty cell)."""
    import pandas as pd

    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        # a number column made in a GIS program: 3.0 -> "3", 43.5 -> "43.5"
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        # a date column made in a GIS program is read as midnight of that day
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _point_cells(
    geom: Any, stated: Mapping[str, str], row: int, issues: list[DataIssue], source: str
) -> list[str]:
    """``[lat, lon]`` text of a point; ``stated`` are the layer's own lat/lon columns, if any."""
    if geom is None or geom.is_empty or geom.geom_type != "Point":
        kind = "no geometry" if geom is None or geom.is_empty else geom.geom_type
        issues.append(DataIssue(source, row, "geometry", kind, "expected a point"))
        return ["", ""]
    cells = {"lat": float(geom.y), "lon": float(geom.x)}
    for column, text in stated.items():
        try:
            agrees = not text or math.isclose(float(text), cells[column], abs_tol=1e-9)
        except ValueError:
            agrees = False
        if not agrees:
            issues.append(
                DataIssue(
                    source,
                    row,
                    column,
                    text,
                    f"disagrees with the point geometry ({cells[column]!r}); "
                    "the point is the position: fix or delete the column",
                )
            )
    return [repr(cells["lat"]), repr(cells["lon"])]


def _layer_rows(frame: Any, name: str, issues: list[DataIssue], source: str) -> list[list[str]]:
    """The layer's header and rows as text, coordinates taken from the point geometry."""
    columns = [c for c in frame.columns if c != "geometry"]
    has_geometry = name in _POINT_LAYERS and "geometry" in frame.columns
    stated = [c for c in ("lat", "lon") if c in columns] if has_geometry else []
    if has_geometry and frame.crs is not None and frame.crs != _CRS:
        frame = frame.to_crs(_CRS)
    kept = [c for c in columns if c not in stated]
    rows: list[list[str]] = [[*kept, "lat", "lon"] if has_geometry else kept]
    table = frame[columns].astype(object).to_numpy().tolist() if columns else [[]] * len(frame)
    geometries = list(frame.geometry) if has_geometry else [None] * len(frame)
    for i, (values, geom) in enumerate(zip(table, geometries, strict=True), start=1):
        cells = dict(zip(columns, (_text(v) for v in values), strict=True))
        row = [cells[c] for c in kept]
        if has_geometry:
            row += _point_cells(geom, {c: cells[c] for c in stated}, i, issues, source)
        rows.append(row)
    return rows


def _write_csv(path: Path, rows: Iterable[Sequence[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)


def _rename(issue: DataIssue, names: Mapping[str, str]) -> DataIssue:
    file = names.get(issue.file, issue.file)
    for csv_name, layer_name in names.items():
        if issue.file == Path(csv_name).name:  # the loader names some files bare
            file = layer_name
    return DataIssue(file, issue.row, issue.column, issue.value, issue.message)


def read_gpkg(path: str | Path) -> CatalogData:
    """Read and validate a catalog GeoPackage written by :func:`write_gpkg` (or a GIS).

    Each layer's values are turned into text and checked by the same code that
    checks a catalog folder, so the same rules apply. Point layers may use any
    CRS (they are transformed to EPSG:4326); a layer without a CRS is taken as
    EPSG:4326.

    Raises
    ------
    DataError
        With every problem, each naming ``<file>:<layer>``, the 1-based row,
        the column and the value.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from areatour import load_catalog
    >>> path = write_gpkg(load_catalog(), pathlib.Path(tempfile.mkdtemp()) / "c.gpkg")
    >>> len(read_gpkg(path).municipalities)
    179
    """
    import pyogrio

    path = Path(path)
    source = str(path)
    if not path.is_file():
        raise DataError(DataIssue(source, None, None, None, "GeoPackage not found"))
    try:
        present = {str(row[0]) for row in pyogrio.list_layers(path)}
    except Exception as exc:  # pyogrio raises DataSourceError and others for bad files
        raise DataError(
            DataIssue(source, None, None, None, f"cannot open as a GeoPackage: {exc}")
        ) from None
    known = [name for name in GPKG_LAYERS if name in present]
    if not known:
        raise DataError(
            DataIssue(
                source,
                None,
                None,
                None,
                f"no catalog layers (expected some of: {', '.join(GPKG_LAYERS)})",
            )
        )
    missing = [
        DataIssue(source, None, None, None, f"layer {layer} needs a layer {needs}")
        for layer, needs in (("areas", "area_members"), ("areas", "municipalities"))
        if layer in present and needs not in present
    ]
    if missing:
        raise DataError(missing)
    issues: list[DataIssue] = []
    with tempfile.TemporaryDirectory(prefix="areatour-gpkg-") as tmp:
        folder = Path(tmp)
        names: dict[str, str] = {}
        for name in known:
            layer_source = f"{source}:{name}"
            frame = pyogrio.read_dataframe(path, layer=name)
            target = folder / GPKG_LAYERS[name]
            names[str(target)] = layer_source
            _write_csv(target, _layer_rows(frame, name, issues, layer_source))
        try:
            data = read_catalog_folder(folder)
        except DataError as exc:
            # a missing point was reported once already, as a geometry problem
            flagged = {(i.file, i.row) for i in issues if i.column == "geometry"}
            more = [_rename(issue, names) for issue in exc.issues]
            issues += [
                i for i in more if not (i.column in ("lat", "lon") and (i.file, i.row) in flagged)
            ]
        if issues:
            raise DataError(issues)
        return data
