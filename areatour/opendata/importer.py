"""Turning rows of the Digital Agency's open-data CSVs into assets.

One reader per dataset: :func:`read_tourism` (観光施設一覧), :func:`read_wifi`
(公衆無線LANアクセスポイント一覧), :func:`read_event` (イベント一覧) and
:func:`read_heritage` (文化財一覧). Each reads the file with
:func:`~areatour.tables.read_table` (UTF-8 with or without BOM, UTF-16, CP932),
matches columns by name (:mod:`areatour.opendata.columns`) and returns an
:class:`~areatour.opendata.ImportResult` in which every data row is either an
asset or a skipped row with its reason.
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
from ..loader import HOKKAIDO_BOUNDS
from ..model import Asset, Municipality
from ..tables import Table, normalize_code, read_table
from .classify import CategoryRule, check_rules, classify, keyword_rules, mapping_rules
from .columns import EDITIONS, Columns, detect_edition, detect_kind
from .result import ImportResult, SkippedRow
from .romaji import romanize
from .values import hours_text, parse_cost, parse_date, parse_days, parse_point

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = [
    "DEFAULT_APPEAL",
    "KINDS",
    "read_event",
    "read_heritage",
    "read_opendata",
    "read_tourism",
    "read_wifi",
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


class _Skip(Exception):
    """A row that cannot become an asset."""

    def __init__(self, reason: str, column: str | None = None, value: str | None = None):
        super().__init__(reason)
        self.reason, self.column, self.value = reason, column, value


@dataclass(frozen=True)
class _Context:
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
class _Draft:
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
    norm = unicodedata.normalize("NFKC", text).lower().replace(" ", "_")
    return _SLUG.sub("-", norm).strip("-_")


def _code(text: str, column: str) -> str | None:
    """A 5-digit municipality code, or ``None`` for a prefecture's code."""
    try:
        code = normalize_code(text)
    except ValueError as exc:
        raise _Skip(f"bad municipality code: {exc}", column, text) from None
    return None if code.endswith("000") else code


def _municipality(ctx: _Context, row: Mapping[str, str]) -> Municipality:
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
            raise _Skip(
                f"row is for municipality {candidate} {town}, not the given "
                f"{ctx.municipality.code} {ctx.municipality.name_ja}",
                column,
                raw,
            )
        return ctx.municipality
    if candidate is not None:
        if candidate in ctx.catalog.municipalities:
            return ctx.catalog.municipalities[candidate]
        raise _Skip(f"municipality not in the catalog: {candidate} {town}".rstrip(), column, raw)
    if town in ctx.by_name:
        return ctx.by_name[town]
    why = f"the town name {town!r} is not in the catalog" if town else "no town name"
    raise _Skip(
        f"no municipality: the code is empty or a prefecture's and {why} (pass the municipality)",
        column,
        raw,
    )


def _draft(ctx: _Context, index: int, row: Mapping[str, str]) -> _Draft:
    cols = ctx.columns
    municipality = _municipality(ctx, row)
    name_ja = cols.get(row, "name")
    if not name_ja:
        raise _Skip("the name is empty", cols.name("name"), "")
    lat_text, lon_text = cols.get(row, "lat"), cols.get(row, "lon")
    try:
        lat, lon = parse_point(lat_text, lon_text, ctx.bounds)
    except ValueError as exc:
        value = f"{lat_text}, {lon_text}" if lat_text or lon_text else ""
        raise _Skip(str(exc), cols.name("lat"), value) from None
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
    return _Draft(index, row, municipality, name_ja, name_en, lat, lon, notes)


def _note(notes: list[str], ctx: _Context, row: Mapping[str, str], *fields: str) -> None:
    for fld in fields:
        text = ctx.columns.get(row, fld)
        if text:
            notes.append(f"{ctx.columns.name(fld)}: {text}")


def _weekly_hours(ctx: _Context, row: Mapping[str, str], notes: list[str]) -> str | None:
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


def _cost(ctx: _Context, row: Mapping[str, str], notes: list[str]) -> int | None:
    fee = ctx.columns.get(row, "fee")
    if not fee:
        return None
    try:
        return parse_cost(fee)
    except ValueError:
        notes.append(f"{ctx.columns.name('fee')} not converted: {fee}")
        return None


def _asset(
    ctx: _Context,
    draft: _Draft,
    *,
    category: str,
    subcategory: str = "",
    tags: Sequence[str] = (),
    hours: str | None = None,
    **extra: Any,
) -> Asset:
    cols, row, m = ctx.columns, draft.row, draft.municipality
    key = _slug(cols.get(row, "key"))
    if not key or key in ctx.duplicate_keys:
        key = "-".join(p for p in (key or _slug(draft.name_en)[:40], f"r{draft.index}") if p)
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


RowReader = Callable[[_Context, _Draft], Asset]


def _read(
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
    ctx = _Context(
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
            assets.append(reader(ctx, _draft(ctx, index, row)))
            asset_rows.append(index)
        except _Skip as skip:
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


def read_tourism(
    path: str | Path,
    *,
    catalog: Catalog | None = None,
    municipality: str | None = None,
    mapping: Mapping[str, str] | Sequence[CategoryRule] | str | Path | None = None,
    keywords: bool = True,
    strict: bool = False,
    appeal: int = DEFAULT_APPEAL,
    bounds: Bounds = HOKKAIDO_BOUNDS,
) -> ImportResult:
    """Read a 観光施設一覧 file (either edition) into assets.

    Parameters
    ----------
    path
        The CSV file.
    catalog
        The catalog the assets are meant for (default: the embedded one). Rows
        of municipalities it does not hold are reported, not imported.
    municipality
        A code or name: the municipality of every row. Rows whose own code
        names another municipality are reported.
    mapping
        Category rules tried before the keyword table: ``{keyword: category}``,
        :class:`CategoryRule` objects or a mapping CSV (see ``docs/opendata.md``).
    keywords
        Whether to use the built-in keyword table after the mapping.
    strict
        Raise instead of returning when any row is skipped.
    appeal
        The appeal (1–5) of every imported asset.
    bounds
        ``(min_lat, max_lat, min_lon, max_lon)``; points outside are reported.

    Returns
    -------
    ImportResult
        Every row is in ``assets`` or ``skipped``.

    Raises
    ------
    DataError
        Unreadable file, missing 名称/緯度/経度 columns, a mapping with unknown
        categories or tags, or (with ``strict``) any skipped row.
    """
    from ..catalog import load_catalog

    catalog = load_catalog() if catalog is None else catalog
    rules = mapping_rules(mapping)
    where = str(mapping) if isinstance(mapping, str | Path) else "mapping"
    check_rules(rules, catalog.categories, catalog.tags, where)
    table_rules = tuple(r for r in keyword_rules() if r.category in catalog.categories)
    if "sight" not in catalog.categories:
        raise DataError(DataIssue(str(path), None, "category", "sight", "catalog has no sight"))

    def reader(ctx: _Context, draft: _Draft) -> Asset:
        choice = classify(draft.row, rules, keywords=table_rules if keywords else ())
        draft.notes.append(f"category {choice.category}: {choice.reason}")
        hours = _weekly_hours(ctx, draft.row, draft.notes)
        cost = _cost(ctx, draft.row, draft.notes)
        _note(draft.notes, ctx, draft.row, "time_note", "fee_detail")
        return _asset(
            ctx,
            draft,
            category=choice.category,
            subcategory=choice.subcategory,
            tags=choice.tags,
            hours=hours,
            cost_jpy=cost,
        )

    return _read(
        path,
        "tourism",
        reader,
        catalog=catalog,
        municipality=municipality,
        strict=strict,
        appeal=appeal,
        bounds=bounds,
    )


def read_wifi(
    path: str | Path,
    *,
    catalog: Catalog | None = None,
    municipality: str | None = None,
    strict: bool = False,
    appeal: int = DEFAULT_APPEAL,
    bounds: Bounds = HOKKAIDO_BOUNDS,
) -> ImportResult:
    """Read a 公衆無線LANアクセスポイント一覧 file: ``workspace`` candidates tagged ``wifi``.

    Each access point becomes a ``workspace`` asset (subcategory ``wifi_spot``,
    ``wifi=yes``); SSID, coverage and installer go to ``notes``. Parameters and
    errors are those of :func:`read_tourism`.
    """

    def reader(ctx: _Context, draft: _Draft) -> Asset:
        draft.notes.append("public Wi-Fi access point: a workspace candidate (seats unknown)")
        _note(draft.notes, ctx, draft.row, "ssid", "coverage", "installer")
        return _asset(
            ctx, draft, category="workspace", subcategory="wifi_spot", tags=("wifi",), wifi=True
        )

    return _read(
        path,
        "wifi",
        reader,
        catalog=catalog,
        municipality=municipality,
        strict=strict,
        appeal=appeal,
        bounds=bounds,
    )


def _event_dates(ctx: _Context, draft: _Draft) -> dict[str, Any]:
    cols, row = ctx.columns, draft.row
    values: dict[str, Any] = {}
    for fld in ("start_date", "end_date"):
        text = cols.get(row, fld)
        try:
            values[fld] = parse_date(text) if text else None
        except ValueError as exc:
            raise _Skip(str(exc), cols.name(fld), text) from None
    if values["start_date"] is None:
        raise _Skip("the event has no start date", cols.name("start_date"), "")
    if values["end_date"] is None:
        values["end_date"] = values["start_date"]
        draft.notes.append(f"{cols.name('end_date')} is empty: taken as a one-day event")
    if values["end_date"] < values["start_date"]:
        raise _Skip(
            "the event ends before it starts", cols.name("end_date"), cols.get(row, "end_date")
        )
    return values


def read_event(
    path: str | Path,
    *,
    catalog: Catalog | None = None,
    municipality: str | None = None,
    strict: bool = False,
    appeal: int = DEFAULT_APPEAL,
    bounds: Bounds = HOKKAIDO_BOUNDS,
) -> ImportResult:
    """Read an イベント一覧 file (or the base-registry event layout): dated ``activity`` assets.

    ``start_date``/``end_date`` come from 開始日/終了日 (an empty 終了日 makes a
    one-day event, noted); hours are every day from 開始時間 to 終了時間.
    Parameters and errors are those of :func:`read_tourism`.
    """

    def reader(ctx: _Context, draft: _Draft) -> Asset:
        dates = _event_dates(ctx, draft)
        cols, row = ctx.columns, draft.row
        start, end = cols.get(row, "start_time"), cols.get(row, "end_time")
        hours = None
        if start or end:
            try:
                hours = hours_text(frozenset(range(7)), start, end)
            except ValueError as exc:
                draft.notes.append(f"hours not converted ({exc}): {start!r}-{end!r}")
        cost = _cost(ctx, row, draft.notes)
        _note(draft.notes, ctx, row, "venue", "time_note", "fee_detail")
        return _asset(
            ctx,
            draft,
            category="activity",
            subcategory="event",
            hours=hours,
            cost_jpy=cost,
            **dates,
        )

    return _read(
        path,
        "event",
        reader,
        catalog=catalog,
        municipality=municipality,
        strict=strict,
        appeal=appeal,
        bounds=bounds,
        required=("start_date",),
    )


def read_heritage(
    path: str | Path,
    *,
    catalog: Catalog | None = None,
    municipality: str | None = None,
    strict: bool = False,
    appeal: int = DEFAULT_APPEAL,
    bounds: Bounds = HOKKAIDO_BOUNDS,
) -> ImportResult:
    """Read a 文化財一覧 file: ``sight`` assets tagged ``history``.

    Buildings (種類 建造物) are also tagged ``architecture``; 文化財分類, 種類,
    名称_通称 and 場所名称 go to ``notes``. Parameters and errors are those of
    :func:`read_tourism`.
    """

    def reader(ctx: _Context, draft: _Draft) -> Asset:
        row = draft.row
        tags = ["history"]
        if "建造物" in ctx.columns.get(row, "heritage_type"):
            tags.append("architecture")
        hours = _weekly_hours(ctx, row, draft.notes)
        _note(draft.notes, ctx, row, "designation", "heritage_type", "alias", "venue", "time_note")
        return _asset(
            ctx, draft, category="sight", subcategory="cultural_property", tags=tags, hours=hours
        )

    return _read(
        path,
        "heritage",
        reader,
        catalog=catalog,
        municipality=municipality,
        strict=strict,
        appeal=appeal,
        bounds=bounds,
    )


def read_opendata(path: str | Path, *, kind: str | None = None, **options: Any) -> ImportResult:
    """Read an open-data file of the given ``kind`` (a key of :data:`KINDS`).

    Parameters
    ----------
    path
        The CSV file.
    kind
        ``"tourism"``, ``"wifi"``, ``"event"`` or ``"heritage"``; ``None`` detects it
        from columns only one dataset has (SSID, 文化財分類, 開始日, POIコード …).
    **options
        Passed to the reader (``mapping`` and ``keywords`` only apply to ``tourism``).

    Raises
    ------
    ValidationError
        For an unknown ``kind``, a kind that cannot be detected, or a mapping
        given for another kind than ``tourism``.
    """
    from ..errors import ValidationError

    readers: dict[str, Callable[..., ImportResult]] = {
        "tourism": read_tourism,
        "wifi": read_wifi,
        "event": read_event,
        "heritage": read_heritage,
    }
    if kind is None:
        kind = detect_kind(read_table(path).header)
        if kind is None:
            raise ValidationError(
                f"cannot tell which dataset {Path(path).name} is; give the kind "
                f"({', '.join(readers)})"
            )
    if kind not in readers:
        raise ValidationError(f"unknown kind {kind!r}; valid: {', '.join(readers)}")
    if kind != "tourism" and (
        options.get("mapping") is not None or options.get("keywords") is False
    ):
        raise ValidationError("a category mapping or --no-keywords only applies to --kind tourism")
    if kind != "tourism":
        options.pop("mapping", None)
        options.pop("keywords", None)
    return readers[kind](path, **options)
