"""``areatour courses``: a set of model courses for an area council."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..catalog import load_catalog
from . import add_common
from .output import print_frame

__all__ = ["add_parser"]


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``courses``."""
    p = subparsers.add_parser(
        "courses",
        help="plan k model courses that together cover the member towns",
        epilog="example: areatour courses --area minami-sorachi --k 3 --out courses.html",
    )
    add_common(p)
    p.add_argument("--area", metavar="AREA_ID", required=True)
    p.add_argument("--k", type=int, default=3, help="number of courses (default 3)")
    p.add_argument("--styles", default="kyuka,satellite,kadai", help="comma-separated styles")
    p.add_argument("--seasons", default="summer,winter", help="comma-separated seasons")
    p.add_argument("--days", type=int, default=3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--time-limit", type=float, default=2.0, metavar="S")
    p.add_argument("--out", metavar="PATH", help="write the council report (HTML)")
    p.add_argument("--offline", action="store_true", help="the HTML works without network")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    import pandas as pd

    from ..courses import plan_courses

    catalog = load_catalog(args.catalog)
    courses = plan_courses(
        catalog,
        args.area,
        k=args.k,
        styles=args.styles.split(","),
        seasons=args.seasons.split(","),
        days=args.days,
        seed=args.seed,
        time_limit=args.time_limit,
    )
    for i, course in enumerate(courses, start=1):
        s = course.summary()
        print(
            f"course {i}: {course.request['style']} from {course.request['start']}, "
            f"{s['visits']} stops in {s['towns']} towns, score {s['score']}"
        )
    fair = courses.fairness()
    name = "name_en" if args.lang == "en" else "name_ja"
    frame = pd.DataFrame(
        [
            {"code": c, "town": getattr(catalog.municipalities[c], name), "visits": n}
            for c, n in fair["visits_per_town"].items()
        ]
    )
    print_frame(frame)
    print(
        f"max share {fair['max_share']}, Gini {fair['gini']}, towns covered "
        f"{fair['towns_covered']}/{fair['towns']}, vs solo {fair['relative_scores']}"
    )
    for message in fair["skipped"]:
        print(f"skipped: {message}")
    for code, reason in fair["uncovered"].items():
        town = catalog.municipalities[code].name_ja
        print(f"not covered: {code} {town}: {reason}")
    if args.out:
        html = courses.to_html(lang=args.lang, offline=args.offline, catalog=catalog)
        Path(args.out).write_text(html, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0
