"""Summarise the JSON lines of ``benchmarks/run.py`` per instance group.

Usage::

    python benchmarks/summarize.py ophs-10s.jsonl [more.jsonl ...]

Groups are the instance folders (``SET_1-2``, ``solomon``, ``cordeau``, ...) and, for the
TOPTW, the number of routes ``m`` (read from the ``-mM`` suffix of the instance label).
Prints a Markdown table: instances, mean and max gap to the BKS where one exists, the
number of BKS matched or beaten, failures, and the mean score (for groups without BKS).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path


def group_of(record: dict[str, object]) -> str:
    """The group label of one instance record."""
    label = str(record["instance"])
    folder = str(record.get("set") or "")
    if not folder:  # records written before the runner added "set"
        folder = "cordeau" if label.startswith("pr") else "solomon" if "-m" in label else "?"
    found = re.search(r"-m(\d+)$", label)
    return f"{folder} m={found.group(1)}" if found else folder


def summarize(records: Sequence[dict[str, object]]) -> list[str]:
    """Markdown table lines for ``records`` (summary lines are skipped)."""
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for record in records:
        if "instance" in record:
            groups[group_of(record)].append(record)
    lines = [
        "| group | instances | with BKS | mean gap % | max gap % | BKS matched or beaten "
        "| failed | mean score |",
        "|---|---|---|---|---|---|---|---|",
    ]

    def row(name: str, items: list[dict[str, object]]) -> str:
        gaps = [float(r["gap"]) for r in items if r.get("gap") is not None]  # type: ignore[arg-type]
        scores = [float(r["score"]) for r in items]  # type: ignore[arg-type]
        failed = sum("error" in r for r in items)
        mean = f"{sum(gaps) / len(gaps):.3f}" if gaps else "–"
        worst = f"{max(gaps):.3f}" if gaps else "–"
        matched = sum(g <= 1e-9 for g in gaps)
        return (
            f"| {name} | {len(items)} | {len(gaps)} | {mean} | {worst} | "
            f"{matched if gaps else '–'} | {failed} | {sum(scores) / len(scores):.2f} |"
        )

    for name in sorted(groups):
        lines.append(row(name, groups[name]))
    everything = [r for items in groups.values() for r in items]
    if len(groups) > 1:
        lines.append(row("**all**", everything))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    records = []
    for path in args.files:
        for line in path.read_text().splitlines():
            if line.strip():
                records.append(json.loads(line))
    print("\n".join(summarize(records)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
