"""Writing municipalities, areas, categories and tags as the CSV files the loader reads.

:func:`~areatour.writer.write_catalog` uses these to make a catalog folder stand
on its own. Each file has exactly the columns that
:func:`~areatour.loader.read_catalog_folder` reads; floats are written with
``repr()`` so that they read back unchanged.

What a :class:`~areatour.catalog.Catalog` does not hold is not written: the
embedded ``municipalities.csv`` columns ``seat_name_ja``, ``seat_source`` and
``population_source``, the ``notes`` of ``areas.csv``, and the labels of tags
(a catalog keeps tag names only). Tag labels are taken from the embedded
``tags.csv`` when the tag is defined there and left empty otherwise.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Area, Category, Municipality, SeasonDefault
from .writer import format_months

if TYPE_CHECKING:
    from .catalog import Catalog

__all__ = [
    "AREA_COLUMNS",
    "AREA_MEMBER_COLUMNS",
    "CATEGORY_COLUMNS",
    "MUNICIPALITY_COLUMNS",
    "SEASON_COLUMNS",
    "TAG_COLUMNS",
    "area_member_rows",
    "area_rows",
    "category_rows",
    "municipality_rows",
    "season_rows",
    "tag_rows",
    "write_areas",
    "write_categories",
    "write_municipalities",
    "write_rows",
    "write_seasons",
    "write_tags",
]

MUNICIPALITY_COLUMNS: tuple[str, ...] = (
    "code",
    "lgcode",
    "name_ja",
    "name_kana",
    "name_en",
    "kind",
    "subprefecture_ja",
    "subprefecture_en",
    "county_ja",
    "lat",
    "lon",
    "population",
    "population_year",
)
SEASON_COLUMNS: tuple[str, ...] = ("subcategory", "default_months", "description")
AREA_COLUMNS: tuple[str, ...] = ("area_id", "name_ja", "name_en", "kind", "gateways", "source")
AREA_MEMBER_COLUMNS: tuple[str, ...] = ("area_id", "code", "name_ja")
CATEGORY_COLUMNS: tuple[str, ...] = (
    "category",
    "label_ja",
    "label_en",
    "default_visit_minutes",
    "default_hours",
    "description",
)
TAG_COLUMNS: tuple[str, ...] = ("tag", "label_ja", "label_en")


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


def municipality_rows(municipalities: Iterable[Municipality]) -> list[dict[str, str]]:
    """Municipalities as text rows in :data:`MUNICIPALITY_COLUMNS` order, sorted by code."""
    return [
        {
            "code": m.code,
            "lgcode": m.lgcode,
            "name_ja": m.name_ja,
            "name_kana": m.name_kana,
            "name_en": m.name_en,
            "kind": m.kind,
            "subprefecture_ja": m.subprefecture_ja,
            "subprefecture_en": m.subprefecture_en,
            "county_ja": m.county_ja,
            "lat": repr(m.lat),
            "lon": repr(m.lon),
            "population": _num(m.population),
            "population_year": _num(m.population_year),
        }
        for m in sorted(municipalities, key=lambda m: m.code)
    ]


def _written_areas(areas: Iterable[Area]) -> list[Area]:
    # subprefecture areas are derived from the municipality rows on loading
    return [a for a in areas if a.kind != "subprefecture"]


def area_rows(areas: Iterable[Area]) -> list[dict[str, str]]:
    """Council and custom areas as text rows (subprefecture areas are derived, not written)."""
    return [
        {
            "area_id": a.id,
            "name_ja": a.name_ja,
            "name_en": a.name_en,
            "kind": a.kind,
            "gateways": ";".join(a.gateways),
            "source": a.source,
        }
        for a in _written_areas(areas)
    ]


def area_member_rows(
    areas: Iterable[Area], municipalities: Mapping[str, Municipality]
) -> list[dict[str, str]]:
    """One row per member of each written area, in the area's member order."""
    return [
        {
            "area_id": a.id,
            "code": code,
            "name_ja": municipalities[code].name_ja if code in municipalities else "",
        }
        for a in _written_areas(areas)
        for code in a.members
    ]


def category_rows(categories: Iterable[Category]) -> list[dict[str, str]]:
    """Categories as text rows in :data:`CATEGORY_COLUMNS` order."""
    return [
        {
            "category": c.id,
            "label_ja": c.label_ja,
            "label_en": c.label_en,
            "default_visit_minutes": str(c.default_visit_minutes),
            "default_hours": "" if c.default_hours is None else c.default_hours.text,
            "description": c.description,
        }
        for c in categories
    ]


def season_rows(seasons: Iterable[SeasonDefault]) -> list[dict[str, str]]:
    """Subcategory season defaults as text rows in :data:`SEASON_COLUMNS` order."""
    return [
        {
            "subcategory": s.subcategory,
            "default_months": format_months(s.months),
            "description": s.description,
        }
        for s in seasons
    ]


def _embedded_tag_labels() -> dict[str, tuple[str, str]]:
    from .resources import data_dir
    from .tables import read_table

    path = data_dir() / "tags.csv"
    if not path.is_file():
        return {}
    table = read_table(path, required=("tag",))
    return {
        row["tag"].strip(): (row.get("label_ja", ""), row.get("label_en", "")) for row in table.rows
    }


def tag_rows(tags: Iterable[str]) -> list[dict[str, str]]:
    """Tags as text rows, sorted; labels come from the embedded ``tags.csv`` when known."""
    labels = _embedded_tag_labels()
    return [
        {"tag": t, "label_ja": labels.get(t, ("", ""))[0], "label_en": labels.get(t, ("", ""))[1]}
        for t in sorted(tags)
    ]


def write_rows(path: str | Path, columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> Path:
    """Write text rows as UTF-8 CSV with LF line ends; returns the path.

    Fields are quoted only when needed, except that a file with a carriage
    return inside any value is written fully quoted: Python's ``csv`` module
    does not quote a lone ``\r`` when the line end is ``\n``, and the value
    would then read back as two lines.
    """
    path = Path(path)
    rows = list(rows)
    bare_cr = any("\r" in value for row in rows for value in row.values())
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(
            fh,
            fieldnames=list(columns),
            lineterminator="\n",
            quoting=csv.QUOTE_ALL if bare_cr else csv.QUOTE_MINIMAL,
        )
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_municipalities(catalog: Catalog, path: str | Path) -> Path:
    """Write ``municipalities.csv`` (UTF-8, LF); returns the path."""
    rows = municipality_rows(catalog.municipalities.values())
    return write_rows(Path(path), MUNICIPALITY_COLUMNS, rows)


def write_areas(catalog: Catalog, folder: str | Path) -> Path:
    """Write ``areas.csv`` and ``area_members.csv`` into ``folder``; returns the folder.

    Only council and custom areas are written; subprefecture areas are derived
    from ``municipalities.csv`` when the folder is loaded. Both files are written
    even when there is no such area, so that loading does not fall back to the
    embedded areas.
    """
    folder = Path(folder)
    areas = list(catalog.areas.values())
    write_rows(folder / "areas.csv", AREA_COLUMNS, area_rows(areas))
    members = area_member_rows(areas, catalog.municipalities)
    write_rows(folder / "area_members.csv", AREA_MEMBER_COLUMNS, members)
    return folder


def write_categories(catalog: Catalog, path: str | Path) -> Path:
    """Write ``categories.csv``; returns the path."""
    return write_rows(Path(path), CATEGORY_COLUMNS, category_rows(catalog.categories.values()))


def write_seasons(catalog: Catalog, path: str | Path) -> Path:
    """Write ``subcategories.csv`` (assumed months per subcategory); returns the path."""
    return write_rows(Path(path), SEASON_COLUMNS, season_rows(catalog.seasons.values()))


def write_tags(catalog: Catalog, path: str | Path) -> Path:
    """Write ``tags.csv``; returns the path.

    A catalog holds tag names only, so labels are filled from the embedded
    ``tags.csv`` where it defines the tag and are empty otherwise.
    """
    return write_rows(Path(path), TAG_COLUMNS, tag_rows(catalog.tags))
