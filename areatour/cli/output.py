"""Printing tables for the command line."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["print_frame"]


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def print_frame(frame: pd.DataFrame, fmt: str = "table", out: TextIO | None = None) -> None:
    """Print a DataFrame as an aligned table, CSV or GeoJSON.

    ``geojson`` needs a GeoDataFrame. Japanese characters count double in the
    table layout so that columns line up in a terminal.
    """
    out = out or sys.stdout
    if fmt == "csv":
        frame.to_csv(out, index=False, lineterminator="\n")
        return
    if fmt == "geojson":
        out.write(frame.to_json(ensure_ascii=False, drop_id=True) + "\n")  # type: ignore[call-overload]
        return
    columns = [str(c) for c in frame.columns]
    cells = [["" if v is None else str(v) for v in row] for row in frame.itertuples(index=False)]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]
    out.write("  ".join(_pad(c, w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(_pad(v, w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
