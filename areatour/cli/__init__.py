"""The ``areatour`` command line: a thin client of the public API.

Exit codes: 0 success, 1 infeasible request, 2 bad input (one-line message on
stderr; ``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import AreatourError, DataError, InfeasibleError

__all__ = ["build_parser", "main"]

#: subcommand modules; each has ``add_parser(subparsers)`` that sets ``func``
_COMMANDS = (
    "areatour.cli.catalog_cmds",
    "areatour.cli.analyze",
    "areatour.cli.plan_cmd",
    "areatour.cli.map_cmd",
    "areatour.cli.import_cmd",
    "areatour.cli.courses_cmd",
)

_EPILOG = """examples:
  areatour areas
  areatour towns --area minami-sorachi --format csv
  areatour assets --area nemuro --category onsen
  areatour plan --area nemuro --start 2027-02-08 --days 3 --style satellite --out plan.html
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    parser = argparse.ArgumentParser(
        prog="areatour",
        description="Plan multi-town workation itineraries for Hokkaido's area councils.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"areatour {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _COMMANDS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # that subcommand is not part of this build
                continue
            raise
        module.add_parser(subparsers)
    return parser


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options shared by every subcommand: ``--catalog`` and ``--lang``."""
    parser.add_argument(
        "--catalog",
        metavar="PATH",
        default=None,
        help="a catalog folder or GeoPackage (default: the embedded Hokkaido data)",
    )
    parser.add_argument(
        "--lang", choices=("ja", "en"), default="ja", help="language of printed names (default: ja)"
    )
    parser.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args))
    except InfeasibleError as exc:
        if args.debug:
            raise
        print(f"areatour: infeasible: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. piped into `head`
        return 0
    except (AreatourError, ValueError, OSError, KeyError) as exc:
        if args.debug:
            raise
        message = str(exc) if isinstance(exc, DataError) else " ".join(str(exc).split())
        print(f"areatour: error: {message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("areatour: interrupted", file=sys.stderr)
        return 130
