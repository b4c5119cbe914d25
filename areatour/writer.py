"""Turning assets back into rows, and writing a catalog folder."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .loader import ASSET_COLUMNS
from .model import Asset

if TYPE_CHECKING:
    import pandas as pd

    from .catalog import Catalog

__all__ = ["asset_records", "asset_to_row", "format_months", "write_catalog"]


def _flag(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def _num(value: int | None) -> str:
    return "" if value is None else str(value)


def format_months(months: frozenset[int] | None) -> str:
    """Write months compactly, wrapping the year end (``{12, 1, 2}`` → ``"12-2"``).

    Examples
    --------
    >>> format_months(frozenset({12, 1, 2, 3})), format_months(frozenset({5, 7, 8}))
    ('12-3', '5,7-8')
    """
    if months is None:
        return ""
    present = [m in months for m in range(1, 13)]
    if all(present):
        return "1-12"
    # start each run at a month whose predecessor (cyclically) is absent
    runs: list[tuple[int, int]] = []
    for m in range(1, 13):
        if present[m - 1] and not present[(m - 2) % 12]:
            end = m
            while present[end % 12]:
                end = end % 12 + 1
            runs.append((m, end))
    runs.sort()
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def asset_to_row(asset: Asset) -> dict[str, str]:
    """The asset as a CSV row (column → text) in the documented layout; lossless."""
    return {
        "id": asset.id,
        "name_ja": asset.name_ja,
        "name_en": asset.name_en,
        "municipality_code": asset.municipality_code,
        "category": asset.category,
        "subcategory": asset.subcategory,
        "lat": repr(asset.lat),
        "lon": repr(asset.lon),
        "visit_minutes": _num(asset.visit_minutes),
        "hours": "" if asset.hours is None else asset.hours.text,
        "months": format_months(asset.months),
        "cost_jpy": _num(asset.cost_jpy),
        "appeal": str(asset.appeal),
        "tags": ";".join(asset.tags),
        "url": asset.url,
        "source": asset.source,
        "wifi": _flag(asset.wifi),
        "power": _flag(asset.power),
        "meeting_room": _flag(asset.meeting_room),
        "seats": _num(asset.seats),
        "rooms": _num(asset.rooms),
        "capacity": _num(asset.capacity),
        "has_workspace": _flag(asset.has_workspace),
        "serves": ";".join(asset.serves),
        "start_date": "" if asset.start_date is None else asset.start_date.isoformat(),
        "end_date": "" if asset.end_date is None else asset.end_date.isoformat(),
        "notes": asset.notes,
    }


def asset_records(assets: Iterable[Asset]) -> pd.DataFrame:
    """Assets as a DataFrame of text columns in the documented order."""
    import pandas as pd

    rows = [asset_to_row(a) for a in assets]
    return pd.DataFrame(rows, columns=list(ASSET_COLUMNS), dtype="object")


def write_catalog(catalog: Catalog, folder: str | Path) -> Path:
    """Write a catalog to a folder in the embedded layout (``load_catalog`` reads it back).

    Municipalities, areas, categories and tags are written too, so the folder
    stands on its own. Assets go to ``assets/assets.csv`` (UTF-8, LF).

    Examples
    --------
    >>> import tempfile
    >>> from areatour import load_catalog
    >>> cat = load_catalog()
    >>> load_catalog(write_catalog(cat, tempfile.mkdtemp())) == cat
    True
    """
    from .areas_io import (
        write_areas,
        write_categories,
        write_municipalities,
        write_rows,
        write_seasons,
        write_tags,
    )

    folder = Path(folder)
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    (folder / "municipalities").mkdir(parents=True, exist_ok=True)
    write_municipalities(catalog, folder / "municipalities" / "municipalities.csv")
    write_areas(catalog, folder / "municipalities")
    write_categories(catalog, folder / "categories.csv")
    write_tags(catalog, folder / "tags.csv")
    write_seasons(catalog, folder / "subcategories.csv")
    rows = [asset_to_row(a) for a in sorted(catalog.assets.values(), key=lambda a: a.id)]
    write_rows(folder / "assets" / "assets.csv", ASSET_COLUMNS, rows)
    return folder
