"""``areatour import``: read a municipality's open-data CSV into catalog assets."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..catalog import load_catalog
from ..opendata import KINDS, read_opendata
from . import add_common

__all__ = ["add_parser"]

_EPILOG = """examples:
  areatour import 014281_tourism.csv --kind tourism
  areatour import 014281_tourism.csv --kind tourism --mapping categories_map.csv --out mycatalog/
  areatour import 014281_event.csv --kind event --municipality 長沼町 --out catalog.gpkg
exit code 2 when the file cannot be read, or with --strict when any row is skipped
"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``areatour import``."""
    p = subparsers.add_parser(
        "import",
        help="import a 自治体標準オープンデータセット CSV (tourism, wifi, event, heritage)",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(p)
    p.add_argument("file", metavar="FILE", help="the CSV file")
    p.add_argument(
        "--kind",
        choices=tuple(KINDS),
        help="which dataset the file is (default: detected from the header)",
    )
    p.add_argument(
        "--municipality",
        metavar="CODE",
        help="the municipality of every row (code or name), for files that lack or misstate it",
    )
    p.add_argument(
        "--mapping", metavar="MAP.csv", help="category rules (keyword,category,...) for tourism"
    )
    p.add_argument(
        "--no-keywords",
        action="store_true",
        help="do not use the built-in keyword table (tourism; unmatched rows become sight)",
    )
    p.add_argument("--strict", action="store_true", help="fail (exit 2) if any row is skipped")
    p.add_argument(
        "--replace", action="store_true", help="replace catalog assets that have the same ids"
    )
    p.add_argument(
        "--out",
        metavar="DIR_OR_GPKG",
        help="write the catalog with the imported assets to a folder or a .gpkg file",
    )
    p.set_defaults(func=_import)


def _import(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.catalog)
    options: dict[str, object] = {
        "catalog": catalog,
        "municipality": args.municipality,
        "strict": args.strict,
    }
    if args.mapping or args.no_keywords:
        options["mapping"] = args.mapping
        options["keywords"] = not args.no_keywords
    result = read_opendata(args.file, kind=args.kind, **options)
    name = "name_en" if args.lang == "en" else "name_ja"
    print(result.summary())
    for row, asset in zip(result.asset_rows, result.assets, strict=True):
        print(f"  imported row {row}: {asset.id} {getattr(asset, name)} [{asset.category}]")
    for skip in result.skipped:
        print(f"  skipped row {skip.row}: {skip.reason}")
    if args.out:
        extended = catalog.with_assets(result.assets, replace=args.replace)
        out = Path(args.out)
        if out.suffix.lower() == ".gpkg":
            from ..gpkg import write_gpkg

            write_gpkg(extended, out)
        else:
            from ..writer import write_catalog

            write_catalog(extended, out)
        print(f"wrote {out} ({len(extended.assets)} assets)")
    return 0
