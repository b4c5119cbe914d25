"""``areatour plan``: plan an itinerary, print it, write JSON and maps/exports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..catalog import Catalog, load_catalog
from ..engine import Progress
from ..errors import ValidationError
from ..itinerary import Itinerary
from ..request import PlanRequest
from . import add_common

__all__ = ["add_parser"]

_EXAMPLES = """examples:
  areatour plan --area nemuro --start 2027-02-08 --days 3 --style satellite --json p.json
  areatour plan --area minami-sorachi --start 2027-07-12 --days 3 --style kyuka \\
      --interest onsen=2 --out plan.html --out plan.ics --offline
"""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``plan``."""
    p = subparsers.add_parser(
        "plan",
        help="plan a multi-day workation itinerary",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(p)
    p.add_argument("--area", metavar="AREA_ID", help="area id, e.g. nemuro")
    p.add_argument("--towns", metavar="CODE", nargs="+", help="explicit towns instead of --area")
    p.add_argument("--start", metavar="YYYY-MM-DD", required=True, help="first day")
    p.add_argument("--days", type=int, default=3, help="number of days (1-14, default 3)")
    p.add_argument(
        "--style", default="kyuka", help="kyuka, bleisure, satellite, gasshuku, kadai or shisatsu"
    )
    p.add_argument("--from", dest="start_at", metavar="ID", help="start gateway asset id")
    p.add_argument("--to", dest="end_at", metavar="ID", help="end gateway asset id")
    p.add_argument("--day-start", default="09:00", metavar="HH:MM")
    p.add_argument("--day-end", default="19:00", metavar="HH:MM")
    p.add_argument("--party-size", type=int)
    p.add_argument(
        "--interest",
        action="append",
        default=[],
        metavar="CAT=W",
        help="weight for a category, e.g. onsen=2 (repeatable)",
    )
    p.add_argument("--must-visit", action="append", default=[], metavar="ID")
    p.add_argument("--exclude", action="append", default=[], metavar="ID")
    p.add_argument("--require-town", action="append", default=[], metavar="CODE")
    p.add_argument("--max-driving", type=float, metavar="MIN", help="max driving minutes a day")
    p.add_argument("--budget", type=int, metavar="JPY", help="budget per person")
    p.add_argument("--min-towns", type=int)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--time-limit", type=float, default=3.0, metavar="S")
    p.add_argument("--json", metavar="PATH", help="write the itinerary as JSON")
    p.add_argument(
        "--out",
        action="append",
        default=[],
        metavar="PATH",
        help="write a map or export; format by extension: .html .geojson .csv "
        ".ics .gpx .md .json (repeatable)",
    )
    p.add_argument(
        "--offline",
        action="store_true",
        help="HTML maps work without any network (no tiles, inlined Leaflet)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress output")
    p.set_defaults(func=_run)


def _interests(items: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items:
        cat, sep, weight = item.partition("=")
        try:
            if not sep:
                raise ValueError
            out[cat.strip()] = float(weight)
        except ValueError:
            raise ValidationError(f"--interest expects CAT=WEIGHT, got {item!r}") from None
    return out


def _run(args: argparse.Namespace) -> int:
    from ..planner import plan

    catalog = load_catalog(args.catalog)
    interests = _interests(args.interest)
    for cat in interests:
        if cat not in catalog.categories:
            raise ValidationError(
                f"unknown category {cat!r} in --interest; valid: {', '.join(catalog.categories)}"
            )
    request = PlanRequest(
        area=args.area,
        towns=tuple(args.towns or ()),
        start=args.start,
        days=args.days,
        style=args.style,
        start_at=args.start_at,
        end_at=args.end_at,
        day_start=args.day_start,
        day_end=args.day_end,
        party_size=args.party_size,
        interests=interests,
        must_visit=tuple(args.must_visit),
        exclude=tuple(args.exclude),
        required_towns=tuple(args.require_town),
        max_driving_minutes=args.max_driving,
        budget_jpy=args.budget,
        min_towns=args.min_towns,
    )
    show = not args.quiet and sys.stderr.isatty()

    def progress(p: Progress) -> None:
        if show:
            print(
                f"\rsolving… {p.seconds:4.1f}/{args.time_limit:g} s  best {p.best:8.2f}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    if not args.quiet:
        print(
            f"planning {request.days} days of {request.style_preset.name(args.lang)} in "
            f"{args.area or ','.join(args.towns)} (up to {args.time_limit:g} s)…",
            file=sys.stderr,
        )
    itinerary = plan(
        request, catalog=catalog, time_limit=args.time_limit, seed=args.seed, progress=progress
    )
    if show:
        print(file=sys.stderr)
    itinerary.check(catalog)
    print(itinerary.format(args.lang))
    if args.json:
        Path(args.json).write_text(itinerary.to_json(), encoding="utf-8")
        print(f"wrote {args.json}", file=sys.stderr)
    for out in args.out:
        _write(itinerary, Path(out), args, catalog)
    return 0


def _write(itinerary: Itinerary, path: Path, args: argparse.Namespace, catalog: Catalog) -> None:
    if path.suffix.lower() == ".json":
        path.write_text(itinerary.to_json(), encoding="utf-8")
    else:
        from ..export import write

        write(itinerary, path, offline=args.offline, lang=args.lang, catalog=catalog)
    print(f"wrote {path}", file=sys.stderr)
