"""Reading and validating a catalog folder.

Every problem in every file is collected and raised once as a
:class:`~areatour.errors.DataError` that names file, row, column and value.
Nothing is dropped or altered silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from .errors import DataError, DataIssue
from .hours import parse_hours, parse_months
from .model import Area, Asset, Category, Municipality, SeasonDefault
from .resources import data_dir
from .tables import Table, check_digit, normalize_code, read_table

__all__ = [
    "ASSET_COLUMNS",
    "HOKKAIDO_BOUNDS",
    "CatalogData",
    "parse_asset_rows",
    "read_catalog_folder",
]

#: (min_lat, max_lat, min_lon, max_lon) of Hokkaido and its islands.
HOKKAIDO_BOUNDS = (41.3, 45.6, 139.3, 145.9)

ASSET_COLUMNS: tuple[str, ...] = (
    "id",
    "name_ja",
    "name_en",
    "municipality_code",
    "category",
    "subcategory",
    "lat",
    "lon",
    "visit_minutes",
    "hours",
    "months",
    "cost_jpy",
    "appeal",
    "tags",
    "url",
    "source",
    "wifi",
    "power",
    "meeting_room",
    "seats",
    "rooms",
    "capacity",
    "has_workspace",
    "serves",
    "start_date",
    "end_date",
    "notes",
)
_REQUIRED_ASSET = (
    "id",
    "name_ja",
    "name_en",
    "municipality_code",
    "category",
    "lat",
    "lon",
    "appeal",
    "source",
)
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_KINDS = {"city", "town", "village"}

T = TypeVar("T")


@dataclass(frozen=True)
class CatalogData:
    """Everything read from a catalog folder, already validated."""

    municipalities: dict[str, Municipality]
    areas: dict[str, Area]
    categories: dict[str, Category]
    tags: frozenset[str]
    assets: dict[str, Asset]
    seasons: dict[str, SeasonDefault] = field(default_factory=dict)


class _Row:
    """Field access for one table row that records problems instead of raising."""

    def __init__(self, table: Table, index: int, row: Mapping[str, str], issues: list[DataIssue]):
        self.table, self.index, self.row, self.issues = table, index, row, issues

    def text(self, column: str, *, required: bool = False) -> str:
        value = (self.row.get(column) or "").strip()
        if required and not value:
            self.fail(column, value, "required value is empty")
        return value

    def fail(self, column: str | None, value: str | None, message: str) -> None:
        self.issues.append(self.table.issue(self.index, column, value, message))

    def convert(self, column: str, func: Callable[[str], T], *, required: bool = False) -> T | None:
        value = self.text(column, required=required)
        if not value:
            return None
        try:
            return func(value)
        except (ValueError, TypeError) as exc:
            self.fail(column, value, str(exc) or "invalid value")
            return None


def _int(value: str) -> int:
    try:
        return int(value.replace(",", ""))
    except ValueError:
        raise ValueError("not a whole number") from None


def _nonneg_int(value: str) -> int:
    number = _int(value)
    if number < 0:
        raise ValueError("must not be negative")
    return number


def _bool(value: str) -> bool:
    low = value.lower()
    if low in ("yes", "true", "1", "y", "あり", "有"):
        return True
    if low in ("no", "false", "0", "n", "なし", "無"):
        return False
    raise ValueError("expected yes or no")


def _coordinate(value: str, low: float, high: float, what: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{what} is not a number") from None
    if not low <= number <= high:
        raise ValueError(f"{what} is outside Hokkaido ({low}..{high})")
    return number


def _lat(value: str) -> float:
    return _coordinate(value, HOKKAIDO_BOUNDS[0], HOKKAIDO_BOUNDS[1], "latitude")


def _lon(value: str) -> float:
    return _coordinate(value, HOKKAIDO_BOUNDS[2], HOKKAIDO_BOUNDS[3], "longitude")


def _appeal(value: str) -> int:
    number = _int(value)
    if not 1 <= number <= 5:
        raise ValueError("appeal must be 1..5")
    return number


def _date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _read_municipalities(
    path: Path, issues: list[DataIssue], seen: set[str]
) -> dict[str, Municipality]:
    """Read municipalities; ``seen`` collects every code named, valid row or not,
    so that later files are not blamed for a problem reported here."""
    table = read_table(
        path,
        required=(
            "code",
            "name_ja",
            "name_en",
            "kind",
            "lat",
            "lon",
            "subprefecture_ja",
            "subprefecture_en",
        ),
    )
    result: dict[str, Municipality] = {}
    for i, raw in table.numbered():
        row = _Row(table, i, raw, issues)
        code = row.convert("code", normalize_code, required=True)
        if code:
            seen.add(code)
        lgcode = row.text("lgcode")
        if code and lgcode and lgcode != code + check_digit(code):
            row.fail("lgcode", lgcode, f"wrong check digit: expected {code}{check_digit(code)}")
        if code and code in result:
            row.fail("code", code, "duplicate municipality code")
        names = {c: row.text(c, required=True) for c in ("name_ja", "name_en")}
        kind = row.text("kind", required=True)
        if kind and kind not in _KINDS:
            row.fail("kind", kind, "kind must be city, town or village")
        lat, lon = row.convert("lat", _lat, required=True), row.convert("lon", _lon, required=True)
        population = row.convert("population", _nonneg_int)
        year = row.convert("population_year", _int)
        if code is None or lat is None or lon is None:
            continue
        result[code] = Municipality(
            code=code,
            lgcode=lgcode or code + check_digit(code),
            name_ja=names["name_ja"],
            name_kana=row.text("name_kana"),
            name_en=names["name_en"],
            kind=kind,
            subprefecture_ja=row.text("subprefecture_ja", required=True),
            subprefecture_en=row.text("subprefecture_en", required=True),
            county_ja=row.text("county_ja"),
            lat=lat,
            lon=lon,
            population=population,
            population_year=year,
        )
    return result


def _read_categories(path: Path, issues: list[DataIssue]) -> dict[str, Category]:
    table = read_table(path, required=("category", "label_ja", "label_en", "default_visit_minutes"))
    result: dict[str, Category] = {}
    for i, raw in table.numbered():
        row = _Row(table, i, raw, issues)
        cid = row.text("category", required=True)
        minutes = row.convert("default_visit_minutes", _nonneg_int, required=True)
        if cid in result:
            row.fail("category", cid, "duplicate category")
        hours = row.convert("default_hours", parse_hours)
        if cid and minutes is not None:
            result[cid] = Category(
                cid,
                row.text("label_ja", required=True),
                row.text("label_en", required=True),
                minutes,
                hours,
                row.text("description"),
            )
    return result


def _read_seasons(path: Path, issues: list[DataIssue]) -> dict[str, SeasonDefault]:
    table = read_table(path, required=("subcategory", "default_months"))
    result: dict[str, SeasonDefault] = {}
    for i, raw in table.numbered():
        row = _Row(table, i, raw, issues)
        name = row.text("subcategory", required=True)
        months = row.convert("default_months", parse_months, required=True)
        if name in result:
            row.fail("subcategory", name, "duplicate subcategory")
        if name and months is not None:
            result[name] = SeasonDefault(name, months, row.text("description"))
    return result


def _read_tags(path: Path, issues: list[DataIssue]) -> frozenset[str]:
    table = read_table(path, required=("tag",))
    tags: set[str] = set()
    for i, raw in table.numbered():
        tag = _Row(table, i, raw, issues).text("tag", required=True)
        tags.add(tag)
    return frozenset(tags)


def _read_areas(
    folder: Path,
    municipalities: Mapping[str, Municipality],
    issues: list[DataIssue],
    seen: set[str],
) -> dict[str, Area]:
    areas: dict[str, Area] = {}
    by_sub: dict[str, list[Municipality]] = {}
    for m in municipalities.values():
        by_sub.setdefault(m.subprefecture_en, []).append(m)
    for sub, members in sorted(by_sub.items()):
        area_id = sub.lower()
        areas[area_id] = Area(
            id=area_id,
            name_ja=members[0].subprefecture_ja,
            name_en=sub,
            kind="subprefecture",
            members=tuple(sorted(m.code for m in members)),
            source="municipalities.csv (subprefecture columns, MLIT N03)",
        )
    areas_path = folder / "areas.csv"
    if not areas_path.is_file():
        return areas
    table = read_table(areas_path, required=("area_id", "name_ja", "name_en"))
    members_table = read_table(folder / "area_members.csv", required=("area_id", "code"))
    members_of: dict[str, list[str]] = {}
    for i, raw in members_table.numbered():
        row = _Row(members_table, i, raw, issues)
        area_id = row.text("area_id", required=True)
        code = row.convert("code", normalize_code, required=True)
        if code is None:
            continue
        if code not in seen:
            row.fail("code", code, "area member is not a known municipality")
            continue
        name = row.text("name_ja")
        if name and code in municipalities and name != municipalities[code].name_ja:
            row.fail(
                "name_ja",
                name,
                f"does not match municipality {code} ({municipalities[code].name_ja})",
            )
        if code in members_of.setdefault(area_id, []):
            row.fail("code", code, f"duplicate member of area {area_id}")
        members_of[area_id].append(code)
    for i, raw in table.numbered():
        row = _Row(table, i, raw, issues)
        area_id = row.text("area_id", required=True)
        if not area_id:
            continue
        if area_id not in members_of:
            row.fail("area_id", area_id, "area has no members in area_members.csv")
            continue
        derived = areas.get(area_id)
        if derived is not None and (
            derived.kind != "subprefecture" or set(derived.members) != set(members_of[area_id])
        ):
            # a council area may share its id with the subprefecture it covers whole
            row.fail("area_id", area_id, "duplicate area id")
            continue
        areas[area_id] = Area(
            id=area_id,
            name_ja=row.text("name_ja", required=True),
            name_en=row.text("name_en", required=True),
            kind=row.text("kind") or "council",
            members=tuple(members_of.get(area_id, ())),
            gateways=_split(row.text("gateways")),
            source=row.text("source"),
        )
    for area_id in members_of:
        if area_id not in areas:
            issues.append(
                members_table.issue(
                    None, "area_id", area_id, "members listed for an area not in areas.csv"
                )
            )
    return areas


def parse_asset_rows(
    table: Table,
    *,
    municipalities: Mapping[str, Municipality],
    categories: Mapping[str, Category],
    tags: frozenset[str],
    issues: list[DataIssue],
    known_codes: Iterable[str] | None = None,
) -> list[Asset]:
    """Turn the rows of an asset table into :class:`Asset` objects.

    Problems are appended to ``issues`` (one per bad cell); rows with problems
    yield no asset. ``known_codes`` (default: the keys of ``municipalities``)
    are the codes accepted as ``municipality_code``.
    """
    known_codes = set(municipalities if known_codes is None else known_codes)
    assets: list[Asset] = []
    for i, raw in table.numbered():
        row = _Row(table, i, raw, issues)
        before = len(issues)
        asset_id = row.text("id", required=True)
        if asset_id and not _ID.match(asset_id):
            row.fail("id", asset_id, "ids use lowercase a-z, 0-9, '_' and '-'")
        code = row.convert("municipality_code", normalize_code, required=True)
        if code is not None and code not in known_codes:
            row.fail("municipality_code", code, "unknown municipality")
        category = row.text("category", required=True)
        if category and category not in categories:
            row.fail("category", category, f"unknown category (known: {', '.join(categories)})")
        row_tags = _split(row.text("tags"))
        for tag in row_tags:
            if tag not in tags:
                row.fail("tags", tag, "unknown tag (see tags.csv)")
        values: dict[str, Any] = {
            "lat": row.convert("lat", _lat, required=True),
            "lon": row.convert("lon", _lon, required=True),
            "appeal": row.convert("appeal", _appeal, required=True),
            "visit_minutes": row.convert("visit_minutes", _nonneg_int),
            "hours": row.convert("hours", parse_hours),
            "months": row.convert("months", parse_months),
            "cost_jpy": row.convert("cost_jpy", _nonneg_int),
            "seats": row.convert("seats", _nonneg_int),
            "rooms": row.convert("rooms", _nonneg_int),
            "capacity": row.convert("capacity", _nonneg_int),
            "start_date": row.convert("start_date", _date),
            "end_date": row.convert("end_date", _date),
        }
        for flag in ("wifi", "power", "meeting_room", "has_workspace"):
            values[flag] = row.convert(flag, _bool)
        texts: dict[str, Any] = {
            c: row.text(c, required=c in _REQUIRED_ASSET)
            for c in ("name_ja", "name_en", "source", "subcategory", "url", "notes")
        }
        if len(issues) > before or code is None:
            continue
        assets.append(
            Asset(
                id=asset_id,
                municipality_code=code,
                category=category,
                tags=row_tags,
                serves=_split(row.text("serves")),
                **texts,
                **values,
            )
        )
    return assets


def _read_assets(
    paths: Iterable[Path],
    municipalities: Mapping[str, Municipality],
    categories: Mapping[str, Category],
    tags: frozenset[str],
    issues: list[DataIssue],
    seen: set[str],
) -> dict[str, Asset]:
    result: dict[str, Asset] = {}
    where: dict[str, str] = {}
    for path in paths:
        table = read_table(path, required=_REQUIRED_ASSET)
        parsed = parse_asset_rows(
            table,
            municipalities=municipalities,
            categories=categories,
            tags=tags,
            issues=issues,
            known_codes=seen,
        )
        for asset in parsed:
            if asset.id in result:
                issues.append(
                    table.issue(
                        None, "id", asset.id, f"duplicate asset id (also in {where[asset.id]})"
                    )
                )
                continue
            result[asset.id] = asset
            where[asset.id] = table.name
    return result


def read_catalog_folder(path: str | Path | None = None) -> CatalogData:
    """Read and validate a catalog folder laid out like the embedded ``data/``.

    Files a user folder does not have (``categories.csv``, ``subcategories.csv``,
    ``tags.csv``, ``municipalities/``) come from the embedded data; ``assets/*.csv`` are read
    only from the given folder.

    Raises
    ------
    DataError
        With every problem found, each naming file, row, column and value.
    """
    embedded = data_dir()
    folder = embedded if path is None else Path(path)
    if not folder.is_dir():
        raise DataError(DataIssue(str(folder), None, None, None, "catalog folder not found"))

    def pick(relative: str) -> Path:
        own = folder / relative
        return own if own.exists() else embedded / relative

    issues: list[DataIssue] = []
    seen: set[str] = set()
    municipalities = _read_municipalities(pick("municipalities/municipalities.csv"), issues, seen)
    categories = _read_categories(pick("categories.csv"), issues)
    tags = _read_tags(pick("tags.csv"), issues)
    seasons = _read_seasons(pick("subcategories.csv"), issues)
    areas = _read_areas(
        pick("municipalities/municipalities.csv").parent, municipalities, issues, seen
    )
    asset_files = sorted((folder / "assets").glob("*.csv")) if (folder / "assets").is_dir() else []
    assets = _read_assets(asset_files, municipalities, categories, tags, issues, seen)
    own_areas = folder == embedded or (folder / "municipalities" / "areas.csv").exists()
    for area_id, area in list(areas.items()):
        missing = [g for g in area.gateways if g not in assets]
        if missing and own_areas:
            issues.extend(
                DataIssue(
                    "areas.csv",
                    None,
                    "gateways",
                    g,
                    f"gateway of area {area_id} is not a known asset",
                )
                for g in missing
            )
        elif missing:
            # the embedded areas name embedded gateways; a user folder with its own
            # assets but no areas.csv keeps the areas and its own gateways
            kept = tuple(g for g in area.gateways if g in assets)
            areas[area_id] = replace(area, gateways=kept)
    if issues:
        raise DataError(issues)
    return CatalogData(municipalities, areas, categories, tags, assets, seasons)
