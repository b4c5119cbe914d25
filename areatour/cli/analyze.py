"""``areatour analyze``: an area's profile, each town's best partner and the area's gaps."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING

from . import add_common
from .output import print_frame

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["add_parser", "run"]

_SECTIONS = ("profile", "partners", "gaps")
_EPILOG = """examples:
  areatour analyze --area nemuro
  areatour analyze --area minami-sorachi --format csv --section partners
  areatour analyze --area nemuro --date 2027-02-08 --lang en   (知床峠 closed)
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``areatour analyze``."""
    p = subparsers.add_parser(
        "analyze",
        help="town profiles, best partner towns and missing categories of an area",
        description=(
            "Print (1) asset counts per town and category, (2) each town's most "
            "complementary partner (the categories it lacks, weighted by the partner's "
            "appeal, discounted by exp(-minutes/60)) and (3) categories the whole area "
            "lacks with the nearest towns outside that have them."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_common(p)
    p.add_argument("--area", metavar="AREA_ID", required=True, help="an area id, e.g. nemuro")
    p.add_argument("--format", choices=("table", "csv"), default="table")
    p.add_argument(
        "--section", choices=(*_SECTIONS, "all"), default="all",
        help="print one table only (default: all three, each after a '# name' line)",
    )  # fmt: skip
    p.add_argument(
        "--date", type=_date, default=None, metavar="YYYY-MM-DD",
        help="travel date for drive times (season and road closures; default: none)",
    )  # fmt: skip
    p.set_defaults(func=run)


def _profile_table(profile: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    counts = profile["count"].copy()
    total = counts.to_numpy().sum(axis=1)
    counts.insert(0, "town", [names[c] for c in counts.index])
    counts["total"] = total
    return counts.reset_index()


def _partners_table(best: pd.DataFrame, lang: str) -> pd.DataFrame:
    import pandas as pd

    suffix = "en" if lang == "en" else "ja"
    return pd.DataFrame(
        {
            "code": best["a"],
            "town": best[f"a_name_{suffix}"],
            "partner": best[f"b_name_{suffix}"].fillna("-"),
            "adds": best["adds"].replace("", "-"),
            "minutes": best["minutes"]
            .round(0)
            .astype("Int64")
            .astype(object)
            .where(best["b"].notna(), "-"),
            "score": best["score"].round(2),
        }
    )


def _gaps_table(gaps: pd.DataFrame, lang: str) -> pd.DataFrame:
    import pandas as pd

    suffix = "en" if lang == "en" else "ja"
    if gaps.empty:
        return pd.DataFrame({"category": ["-"], "note": ["the area has every category"]})
    found = gaps["found"].astype(bool)
    return pd.DataFrame(
        {
            "category": gaps["category"],
            "label": gaps[f"label_{suffix}"],
            "rank": gaps["rank"],
            "nearest_town": gaps[f"name_{suffix}"].where(found, "none found"),
            "from": gaps["from_code"].where(found, "-"),
            "minutes": gaps["minutes"].round(0).astype("Int64").astype(object).where(found, "-"),
            "assets": gaps["assets"],
        }
    )


def run(args: argparse.Namespace) -> int:
    """Print the analysis of ``args.area``; return the exit code."""
    from ..analysis import area_profile, best_partners, complementarity, coverage_gaps
    from ..catalog import load_catalog

    catalog = load_catalog(args.catalog)
    area = catalog.area(args.area)
    lang = getattr(args, "lang", "ja")
    names = {
        c: (
            catalog.municipalities[c].name_en if lang == "en" else catalog.municipalities[c].name_ja
        )
        for c in area.members
    }
    wanted = _SECTIONS if args.section == "all" else (args.section,)
    tables: list[tuple[str, pd.DataFrame]] = []
    if "profile" in wanted:
        tables.append(("profile", _profile_table(area_profile(catalog, area), names)))
    if "partners" in wanted:
        scores = complementarity(catalog, area, date=args.date)
        tables.append(("partners", _partners_table(best_partners(scores), lang)))
    if "gaps" in wanted:
        tables.append(("gaps", _gaps_table(coverage_gaps(catalog, area, date=args.date), lang)))
    for k, (title, frame) in enumerate(tables):
        if len(tables) > 1:
            if k:
                sys.stdout.write("\n")
            sys.stdout.write(f"# {title}\n")
        print_frame(frame, args.format)
    return 0
