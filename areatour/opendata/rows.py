"""The row pipeline shared by the open-data readers.

A file is read with :func:`~areatour.tables.read_table`; each row goes through
:func:`draft_row` (municipality, name, position, English name) and then the
dataset's own reader, which calls :func:`build_asset`. A row that cannot
become an asset raises :class:`Skip`, which :func:`read_rows` turns into a
:class:`~areatour.opendata.SkippedRow`, so every row ends up in exactly one place.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataError, DataIssue
from ..hours import parse_hours
from ..model import Asset, Municipality
from ..tables import Table, normalize_code, read_table
from .columns import EDITIONS, Columns, detect_edition
from .result import ImportResult, SkippedRow
from .romaji import romanize
from .values import hours_text, parse_cost, parse_days, parse_point

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = [
    "DEFAULT_APPEAL",
    "KINDS",
    "Bounds",
    "Draft",
    "RowContext",
    "RowReader",
    "Skip",
    "add_notes",
    "build_asset",
    "draft_row",
    "read_rows",
    "row_cost",
    "weekly_hours",
]

#: kind -> the dataset's Japanese name
KINDS: dict[str, str] = {
    "tourism": "観光施設一覧",
    "wifi": "公衆無線LANアクセスポイント一覧",
    "event": "イベント一覧",
    "heritage": "文化財一覧",
}
#: the appeal given to imported assets (rubric 3: "a solid local attraction")
DEFAULT_APPEAL = 3
_PREFECTURE = re.compile(r"^(北海道|東京都|京都府|大阪府|.{2,3}県)")
_SLUG = re.compile(r"[^a-z0-9_]+")
Bounds = tuple[float, float, float, float]


class Skip(Exception):
    """A row that cannot become an asset."""

    def __init__(self, reason: str, column: str | None = None, value: str | None = None):
        super().__init__(reason)
        self.reason, self.column, self.value = reason, column, value


@dataclass(frozen=True)
class RowContext:
    """What every row of one file is read against."""

    table: Table
    columns: Columns
    catalog: Catalog
    kind: str
    bounds: Bounds
    appeal: int
    municipality: Municipality | None
    duplicate_keys: frozenset[str]
    by_name: Mapping[str, Municipality] = field(repr=False)

    @property
    def file_name(self) -> str:
        return Path(self.table.name).name


@dataclass
class Draft:
    """The fields every kind shares, gathered before the kind adds its own."""

    index: int
    row: Mapping[str, str]
    municipality: Municipality
    name_ja: str
    name_en: str
    lat: float
    lon: float
    notes: list[str]


def _slug(text: str) -> str:
    """Lowercase ASCII id part: runs of other characters become ``-``."""
    norm = unicodedata.normalize("NFKC", text).lower().replace(" ", "_")
    return _SLUG.sub("-", norm).strip("-_")


def _code(text: str, column: str) -> str | None:
    """A 5-digit municipality code, or ``None`` for a prefecture's code."""
    try:
        code = normalize_code(text)
    except ValueError as exc:
        raise Skip(f"bad municipality code: {exc}", column, text) from None
    return None if code.endswith("000") else code


def _municipality(ctx: RowContext, row: Mapping[str, str]) -> Municipality:
    """The row's municipality: location code, then the given one, then the publisher
    code, then the town name for a prefecture's code (see ``docs/opendata.md``)."""
    cols = ctx.columns
    candidate: str | None = None
    column, raw = cols.name("code"), cols.get(row, "code")
    for fld in ("location_code", "code"):
        text = cols.get(row, fld)
        if text and candidate is None:
            candidate, column, raw = _code(text, cols.name(fld)), cols.name(fld), text
    town = _PREFECTURE.sub("", unicodedata.normalize("NFKC", cols.get(row, "town")))
    if ctx.municipality is not None:
        if candidate is not None and candidate != ctx.municipality.code:
            raise Skip(
                f"row is for municipality {candidate} {town}, not the given "
                f"{ctx.municipality.code} {ctx.municipality.name_ja}",
                column,
                raw,
            )
        return ctx.municipality
    if candidate is not None:
        if candidate in ctx.catalog.municipalities:
            return ctx.catalog.municipalities[candidate]
        raise Skip(f"municipality not in the catalog: {candidate} {town}".rstrip(), column, raw)
    if town in ctx.by_name:
        return ctx.by_name[town]
    why = f"the town name {town!r} is not in the catalog" if town else "no town name"
    raise Skip(
        f"no municipality: the code is empty or a prefecture's and {why} (pass the municipality)",
        column,
        raw,
    )


def draft_row(ctx: RowContext, index: int, row: Mapping[str, str]) -> Draft:
    """Municipality, name, position and English name of a row.

    Raises
    ------
    Skip
        When the municipality, the name or the position is missing or wrong.
    """
    cols = ctx.columns
    municipality = _municipality(ctx, row)
    name_ja = cols.get(row, "name")
    if not name_ja:
        raise Skip("the name is empty", cols.name("name"), "")
    lat_text, lon_text = cols.get(row, "lat"), cols.get(row, "lon")
    try:
        lat, lon = parse_point(lat_text, lon_text, ctx.bounds)
    except ValueError as exc:
        value = f"{lat_text}, {lon_text}" if lat_text or lon_text else ""
        raise Skip(str(exc), cols.name("lat"), value) from None
    notes: list[str] = []
    name_en = cols.get(row, "name_en")
    if not name_en:
        kana = cols.get(row, "name_kana")
        name_en = romanize(kana) if kana else ""
        if name_en:
            notes.append(f"name_en romanised from {cols.name('name_kana')}")
        else:
            name_en = name_ja
            notes.append("no English name or kana reading in the file: name_en = name_ja")
    return Draft(index, row, municipality, name_ja, name_en, lat, lon, notes)


def add_notes(notes: list[str], ctx: RowContext, row: Mapping[str, str], *fields: str) -> None:
    """Append ``<column>: <text>`` to ``notes`` for each of ``fields`` that has text."""
    for fld in fields:
        text = ctx.columns.get(row, fld)
        if text:
            notes.append(f"{ctx.columns.name(fld)}: {text}")


def weekly_hours(ctx: RowContext, row: Mapping[str, str], notes: list[str]) -> str | None:
    """Opening hours from 利用可能曜日/開始時間/終了時間, or ``None`` (with a note why)."""
    cols = ctx.columns
    days, start, end = (cols.get(row, f) for f in ("days", "start_time", "end_time"))
    if not (days or start or end):
        return None
    try:
        if not (days and start and end):
            raise ValueError("needs days, start and end")
        return hours_text(parse_days(days), start, end)
    except ValueError as exc:
        notes.append(
            f"hours not converted ({exc}): {cols.name('days')} {days!r}, "
            f"{cols.name('start_time')} {start!r}, {cols.name('end_time')} {end!r}"
        )
        return None


def row_cost(ctx: RowContext, row: Mapping[str, str], notes: list[str]) -> int | None:
    """The fee in yen from 料金(基本), or ``None`` (the text kept in a note)."""
    fee = ctx.columns.get(row, "fee")
    if not fee:
        return None
    try:
        return parse_cost(fee)
    except ValueError:
        notes.append(f"{ctx.columns.name('fee')} not converted: {fee}")
        return None


def build_asset(
    ctx: RowContext,
    draft: Draft,
    *,
    category: str,
    subcategory: str = "",
    tags: Sequence[str] = (),
    hours: str | None = None,
    **extra: Any,
) -> Asset:
    """The asset for a drafted row: id, source, tags kept if the catalog knows them.

    The id is ``<code>-<category>-<kind>-<key>``; the key is the file's ID/NO
    (with ``-r<row>`` when it repeats in the file), else a slug of the English
    name plus ``r<row>``. ``extra`` are further :class:`~areatour.model.Asset` fields.
    """
    cols, row, m = ctx.columns, draft.row, draft.municipality
    key = _slug(cols.get(row, "key"))
    if not key or key in ctx.duplicate_keys:
        key = "-".join(
            p for p in (key or _slug(draft.name_en)[:40].strip("-_"), f"r{draft.index}") if p
        )
    kept = tuple(dict.fromkeys(t for t in tags if t in ctx.catalog.tags))
    lost = [t for t in tags if t not in ctx.catalog.tags]
    if lost:
        draft.notes.append(f"tags not in the catalog: {', '.join(lost)}")
    source = f"{m.name_ja} {KINDS[ctx.kind]} ({ctx.file_name}, row {draft.index})"
    source = " | ".join(p for p in (source, cols.get(row, "credit"), cols.get(row, "url")) if p)
    return Asset(
        id=f"{m.code}-{category}-{ctx.kind}-{key}",
        name_ja=draft.name_ja,
        name_en=draft.name_en,
        municipality_code=m.code,
        category=category,
        subcategory=subcategory,
        lat=draft.lat,
        lon=draft.lon,
        appeal=ctx.appeal,
        source=source,
        hours=None if hours is None else parse_hours(hours),
        tags=kept,
        url=cols.get(row, "url"),
        notes="\n".join(draft.notes),
        **extra,
    )


RowReader = Callable[[RowContext, Draft], Asset]


def read_rows(
    path: str | Path,
    kind: str,
    reader: RowReader,
    *,
    catalog: Catalog | None,
    municipality: str | None,
    strict: bool,
    appeal: int,
    bounds: Bounds,
    required: Sequence[str] = (),
) -> ImportResult:
    """Read ``path`` and pass every row through :func:`draft_row` and ``reader``.

    Raises
    ------
    DataError
        Unreadable file, a missing name/緯度/経度 (or ``required``) column, a bad
        ``appeal``, or with ``strict`` any skipped row.
    UnknownNameError
        When ``municipality`` is not in the catalog.
    """
    from ..catalog import load_catalog

    catalog = load_catalog() if catalog is None else catalog
    table = read_table(path)
    cols = Columns.match(table.header)
    missing = [f for f in ("name", "lat", "lon", *required) if not cols.has(f)]
    if missing:
        raise DataError(
            [table.issue(0, cols.name(f), None, "required column is missing") for f in missing]
        )
    if not 1 <= appeal <= 5:
        raise DataError(DataIssue(table.name, None, "appeal", str(appeal), "appeal must be 1..5"))
    keys = Counter(_slug(cols.get(r, "key")) for r in table.rows)
    ctx = RowContext(
        table=table,
        columns=cols,
        catalog=catalog,
        kind=kind,
        bounds=bounds,
        appeal=appeal,
        municipality=None if municipality is None else catalog.municipality(municipality),
        duplicate_keys=frozenset(k for k, n in keys.items() if k and n > 1),
        by_name={m.name_ja: m for m in catalog.municipalities.values()},
    )
    assets: list[Asset] = []
    asset_rows: list[int] = []
    skipped: list[SkippedRow] = []
    for index, row in enumerate(table.rows, start=1):
        try:
            assets.append(reader(ctx, draft_row(ctx, index, row)))
            asset_rows.append(index)
        except Skip as skip:
            skipped.append(SkippedRow(index, skip.reason, dict(row), skip.column, skip.value))
    result = ImportResult(
        tuple(assets),
        tuple(skipped),
        table.name,
        kind,
        EDITIONS[detect_edition(table.header)],
        table.encoding,
        tuple(asset_rows),
    )
    return result.raise_if_skipped() if strict else result
