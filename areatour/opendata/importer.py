"""Turning rows of the Digital Agency's open-data CSVs into assets.

One reader per dataset: :func:`read_tourism` (観光施設一覧), :func:`read_wifi`
(公衆無線LANアクセスポイント一覧), :func:`read_event` (イベント一覧) and
:func:`read_heritage` (文化財一覧). Each reads the file with
:func:`~areatour.tables.read_table` (UTF-8 with or without BOM, UTF-16, CP932),
matches columns by name (:mod:`areatour.opendata.columns`) and returns an
:class:`~areatour.opendata.ImportResult` in which every data row is either an
asset or a skipped row with its reason (the shared steps are in
:mod:`areatour.opendata.rows`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DataError, DataIssue
from ..loader import HOKKAIDO_BOUNDS
from ..model import Asset
from ..tables import read_table
from .classify import CategoryRule, check_rules, classify, keyword_rules, mapping_rules
from .columns import detect_kind
from .result import ImportResult
from .rows import (
    DEFAULT_APPEAL,
    KINDS,
    Bounds,
    Draft,
    RowContext,
    Skip,
    add_notes,
    build_asset,
    read_rows,
    row_cost,
    weekly_hours,
)
from .values import hours_text, parse_date

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

    def reader(ctx: RowContext, draft: Draft) -> Asset:
        choice = classify(draft.row, rules, keywords=table_rules if keywords else ())
        draft.notes.append(f"category {choice.category}: {choice.reason}")
        hours = weekly_hours(ctx, draft.row, draft.notes)
        cost = row_cost(ctx, draft.row, draft.notes)
        add_notes(draft.notes, ctx, draft.row, "time_note", "fee_detail")
        return build_asset(
            ctx,
            draft,
            category=choice.category,
            subcategory=choice.subcategory,
            tags=choice.tags,
            hours=hours,
            cost_jpy=cost,
        )

    return read_rows(
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

    def reader(ctx: RowContext, draft: Draft) -> Asset:
        draft.notes.append("public Wi-Fi access point: a workspace candidate (seats unknown)")
        add_notes(draft.notes, ctx, draft.row, "ssid", "coverage", "installer")
        return build_asset(
            ctx, draft, category="workspace", subcategory="wifi_spot", tags=("wifi",), wifi=True
        )

    return read_rows(
        path,
        "wifi",
        reader,
        catalog=catalog,
        municipality=municipality,
        strict=strict,
        appeal=appeal,
        bounds=bounds,
    )


def _event_dates(ctx: RowContext, draft: Draft) -> dict[str, Any]:
    cols, row = ctx.columns, draft.row
    values: dict[str, Any] = {}
    for fld in ("start_date", "end_date"):
        text = cols.get(row, fld)
        try:
            values[fld] = parse_date(text) if text else None
        except ValueError as exc:
            raise Skip(str(exc), cols.name(fld), text) from None
    if values["start_date"] is None:
        raise Skip("the event has no start date", cols.name("start_date"), "")
    if values["end_date"] is None:
        values["end_date"] = values["start_date"]
        draft.notes.append(f"{cols.name('end_date')} is empty: taken as a one-day event")
    if values["end_date"] < values["start_date"]:
        raise Skip(
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

    def reader(ctx: RowContext, draft: Draft) -> Asset:
        dates = _event_dates(ctx, draft)
        cols, row = ctx.columns, draft.row
        start, end = cols.get(row, "start_time"), cols.get(row, "end_time")
        hours = None
        if start or end:
            try:
                hours = hours_text(frozenset(range(7)), start, end)
            except ValueError as exc:
                draft.notes.append(f"hours not converted ({exc}): {start!r}-{end!r}")
        cost = row_cost(ctx, row, draft.notes)
        add_notes(draft.notes, ctx, row, "venue", "time_note", "fee_detail")
        return build_asset(
            ctx,
            draft,
            category="activity",
            subcategory="event",
            hours=hours,
            cost_jpy=cost,
            **dates,
        )

    return read_rows(
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

    def reader(ctx: RowContext, draft: Draft) -> Asset:
        row = draft.row
        tags = ["history"]
        if "建造物" in ctx.columns.get(row, "heritage_type"):
            tags.append("architecture")
        hours = weekly_hours(ctx, row, draft.notes)
        add_notes(
            draft.notes, ctx, row, "designation", "heritage_type", "alias", "venue", "time_note"
        )
        return build_asset(
            ctx, draft, category="sight", subcategory="cultural_property", tags=tags, hours=hours
        )

    return read_rows(
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
