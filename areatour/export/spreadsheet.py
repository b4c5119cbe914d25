"""An itinerary as CSV that Excel opens correctly (UTF-8 with BOM, CRLF) and safely."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..itinerary import Itinerary

__all__ = ["COLUMNS", "neutralize", "to_csv"]

#: characters that make a spreadsheet treat a cell as a formula (or hide its start)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: the CSV's columns, in order
COLUMNS = (
    "day",
    "date",
    "order",
    "arrive",
    "start",
    "depart",
    "minutes",
    "kind",
    "label",
    "asset_id",
    "name_ja",
    "name_en",
    "municipality_code",
    "town",
    "category",
    "cost_jpy",
    "url",
    "lat",
    "lon",
)


def neutralize(value: object) -> object:
    """Prefix ``'`` to text that a spreadsheet would run as a formula.

    Examples
    --------
    >>> neutralize("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    >>> neutralize(-3)
    -3
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(itinerary: Itinerary, *, catalog: Catalog | None = None, lang: str = "ja") -> bytes:
    """One row per stop as CSV bytes: UTF-8 with BOM, CRLF line ends, formulas neutralised.

    Parameters
    ----------
    itinerary
        The plan.
    catalog
        Used for the ``town`` column (the municipality's name); blank without one.
    lang
        Language of the ``town`` column.

    Returns
    -------
    bytes
        Ready to write to a ``.csv`` file.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for day_no, day in enumerate(itinerary.days, start=1):
        for order, s in enumerate(day.stops):
            town = ""
            if catalog is not None and s.municipality_code in catalog.municipalities:
                m = catalog.municipalities[s.municipality_code]
                town = m.name_en if lang == "en" else m.name_ja
            row = (
                day_no,
                day.date.isoformat(),
                order,
                f"{s.arrive:%Y-%m-%d %H:%M}",
                f"{s.start:%Y-%m-%d %H:%M}",
                f"{s.depart:%Y-%m-%d %H:%M}",
                round(s.minutes),
                s.kind,
                s.label,
                s.asset_id,
                s.name_ja,
                s.name_en,
                s.municipality_code,
                town,
                s.category,
                "" if s.cost_jpy is None else s.cost_jpy,
                s.url,
                s.lat,
                s.lon,
            )
            writer.writerow([neutralize(v) for v in row])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
