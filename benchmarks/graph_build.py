"""Benchmark: build the area graph for the three Sorachi areas together.

Target: under 1 s. Builds 北空知, 中空知 and 南空知 one by one and then as one
custom area of their 24 towns, each followed by validate_graph. The one-time
imports of networkx and scipy.spatial are timed separately.

Run from the repository root::

    PYTHONPATH=. /work/venv/bin/python benchmarks/graph_build.py
"""

from __future__ import annotations

import sys
import time

from areatour.catalog import load_catalog
from areatour.graph import build_area_graph, validate_graph

AREAS = ("kita-sorachi", "naka-sorachi", "minami-sorachi")


def main() -> int:
    t0 = time.perf_counter()
    catalog = load_catalog()
    print(f"load_catalog {time.perf_counter() - t0:7.3f} s")
    t_start = time.perf_counter()
    import networkx  # noqa: F401  (first imports, counted in the total)
    import scipy.spatial  # noqa: F401

    imports = time.perf_counter() - t_start
    print(f"first imports (networkx, scipy.spatial) {imports:7.3f} s (once per process)")
    t_build = time.perf_counter()
    for area in AREAS:
        t = time.perf_counter()
        G = build_area_graph(catalog, area)
        validate_graph(G)
        print(
            f"{area:<16} {G.number_of_nodes():4d} nodes {G.number_of_edges():5d} edges "
            f"{time.perf_counter() - t:7.3f} s"
        )
    members = [code for area in AREAS for code in catalog.area(area).members]
    union = catalog.custom_area(members, id="sorachi-3")
    t = time.perf_counter()
    G = build_area_graph(catalog, union)
    validate_graph(G)
    print(
        f"{'all three':<16} {G.number_of_nodes():4d} nodes {G.number_of_edges():5d} edges "
        f"{time.perf_counter() - t:7.3f} s"
    )
    build = time.perf_counter() - t_build
    ok = build <= 1.0
    print(
        f"build + validate (3 areas + union) {build:.3f} s -> {'OK' if ok else 'SLOW'} "
        f"(target 1 s); with the first imports {build + imports:.3f} s"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
