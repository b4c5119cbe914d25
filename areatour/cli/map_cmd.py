"""``areatour map``: draw an area (towns, assets, complementarity) to an HTML file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import add_common

__all__ = ["add_parser"]

_EPILOG = """examples:
  areatour map --area minami-sorachi --out minami-sorachi.html
  areatour map --area nemuro --out nemuro.html --offline --lang en
"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the ``map`` subcommand."""
    p = subparsers.add_parser(
        "map",
        help="draw an area's towns and assets as an HTML map",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(p)
    p.add_argument("--area", metavar="AREA_ID", required=True, help="an area id")
    p.add_argument("--out", metavar="PATH", required=True, help="the .html file to write")
    p.add_argument(
        "--offline",
        action="store_true",
        help="one self-contained file: no tiles, no network (for LGWAN PCs)",
    )
    p.set_defaults(func=_map)


def _map(args: argparse.Namespace) -> int:
    from ..catalog import load_catalog
    from ..errors import ValidationError
    from ..maps import render_area, to_html

    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm"):
        raise ValidationError(f"--out must name an .html file, not {str(out)!r}")
    catalog = load_catalog(args.catalog)
    m = render_area(catalog, args.area, lang=args.lang, offline=args.offline)
    out.write_text(to_html(m, offline=args.offline), encoding="utf-8")
    print(f"wrote {out}", file=sys.stderr)
    return 0
