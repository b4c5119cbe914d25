"""A real plan from the planner, drawn and exported (and real N03 boundaries when present)."""

from __future__ import annotations

import pytest

from areatour.maps import external_references, render_itinerary, to_html


@pytest.fixture(scope="module")
def planned(catalog):
    planner = pytest.importorskip("areatour.planner")
    request_mod = pytest.importorskip("areatour.request")
    request = request_mod.PlanRequest(area="nemuro", start="2027-02-08", days=3, style="satellite")
    return planner.plan(request, catalog=catalog, time_limit=2.0, max_iterations=300, seed=1)


def test_planned_itinerary_renders_offline(planned, catalog):
    html = to_html(render_itinerary(planned, catalog=catalog, offline=True), offline=True)
    assert external_references(html) == []
    assert html.count("areatour-stop areatour-shape") == len(planned.stops)
    routes = sum(1 for day in planned.days if day.legs)
    assert html.count('"className": "areatour-route"') == routes


def test_planned_itinerary_exports_every_format(planned, catalog, tmp_path):
    from areatour.export import FORMATS, write

    for ext in FORMATS:
        assert write(planned, tmp_path / f"plan{ext}", catalog=catalog).stat().st_size > 0


def test_real_boundaries(itinerary, catalog, n03):
    m = render_itinerary(itinerary, catalog=catalog, boundaries=n03, offline=True)
    html = to_html(m, offline=True)
    assert html.count('"className": "areatour-town-area"') == len(itinerary.members)
    assert len(html.encode()) < 3_000_000
