"""``areatour areas``, ``towns``, ``assets`` and ``validate``: look at a catalog."""

from __future__ import annotations

import argparse

from ..catalog import load_catalog
from . import add_common
from .output import print_frame

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register the catalog subcommands."""
    p = subparsers.add_parser("areas", help="list areas with their member counts")
    add_common(p)
    p.add_argument("--format", choices=("table", "csv"), default="table")
    p.set_defaults(func=_areas)

    p = subparsers.add_parser(
        "towns",
        help="list the municipalities of an area",
        epilog="example: areatour towns --area minami-sorachi --format csv",
    )
    add_common(p)
    p.add_argument("--area", metavar="AREA_ID", help="an area id (default: all of Hokkaido)")
    p.add_argument("--format", choices=("table", "csv", "geojson"), default="table")
    p.set_defaults(func=_towns)

    p = subparsers.add_parser(
        "assets",
        help="list the content assets of an area",
        epilog="example: areatour assets --area nemuro --category onsen",
    )
    add_common(p)
    p.add_argument("--area", metavar="AREA_ID")
    p.add_argument("--category", metavar="CAT")
    p.add_argument("--format", choices=("table", "csv", "geojson"), default="table")
    p.set_defaults(func=_assets)

    p = subparsers.add_parser(
        "validate",
        help="check a catalog folder or GeoPackage",
        epilog="exit code 2 with file/row/column messages when invalid",
    )
    p.add_argument("path", help="a catalog folder or .gpkg file")
    p.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )
    p.set_defaults(func=_validate)


def _areas(args: argparse.Namespace) -> int:
    import pandas as pd

    catalog = load_catalog(args.catalog)
    name = "name_en" if args.lang == "en" else "name_ja"
    frame = pd.DataFrame(
        [
            {
                "area_id": a.id,
                "name": getattr(a, name),
                "kind": a.kind,
                "towns": len(a.members),
                "assets": len(catalog.area_assets(a)),
            }
            for a in sorted(catalog.areas.values(), key=lambda a: (a.kind != "council", a.id))
        ]
    )
    print_frame(frame, args.format)
    return 0


def _towns(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.catalog)
    gdf = catalog.municipalities_gdf(args.area)
    columns = ["code", "name_ja", "name_en", "subprefecture", "lat", "lon"]
    if args.format == "geojson":
        print_frame(gdf[[*columns, "geometry"]], "geojson")
    else:
        print_frame(gdf[[*columns, "kind", "county_ja"]], args.format)
    return 0


def _assets(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.catalog)
    gdf = catalog.assets_gdf(args.area, args.category)
    if args.format == "geojson":
        print_frame(gdf, "geojson")
    elif args.format == "csv":
        print_frame(gdf.drop(columns="geometry"), "csv")
    else:
        name = "name_en" if args.lang == "en" else "name_ja"
        print_frame(gdf[["id", name, "municipality_code", "category", "appeal", "hours"]], "table")
    return 0


def _validate(args: argparse.Namespace) -> int:
    catalog = load_catalog(args.path)
    print(
        f"{args.path}: valid ({len(catalog.municipalities)} municipalities, "
        f"{len(catalog.areas)} areas, {len(catalog.assets)} assets)"
    )
    return 0
