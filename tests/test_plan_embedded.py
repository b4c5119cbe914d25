"""End to end on the embedded Hokkaido data: every style, every council area, summer and winter.

The embedded catalog is incomplete where no citable position was found for a
place (see data/README.md). Where an area has no lodging open on the trip's
nights the plan stays at the area's main gateway (``base_at``); where the
catalog has no asset at all that can serve a style's required block, the
planner must say so with :class:`InfeasibleError` naming the block — any other
failure fails the test.
"""

import pytest

import areatour
from areatour import InfeasibleError, PlanRequest
from areatour.problem_builder import _block_days, _fits, open_window

AREAS = ("kita-sorachi", "naka-sorachi", "minami-sorachi", "nemuro")
STYLES = ("kyuka", "bleisure", "satellite", "gasshuku", "kadai", "shisatsu")
DATES = {"summer": "2027-07-12", "winter": "2027-02-08"}  # both Mondays


def _lodging_every_night(catalog, request):
    assets = catalog.area_assets(request.area, category="lodging")
    nights = request.dates[:-1]
    return all(any(a.months is None or d.month in a.months for a in assets) for d in nights)


def _unservable_block(catalog, request):
    """The first required block that no asset of the catalog could serve, or None."""
    window = (request.day_start.hour * 60.0, request.day_end.hour * 60.0)
    for spec in request.style_preset.blocks:
        if spec.optional:
            continue
        for d in _block_days(spec, request):
            date = request.dates[d]
            ok = any(
                (not spec.require or getattr(a, spec.require) is True)
                and _fits(open_window(a, catalog, date), window, spec.minutes)
                for a in catalog.area_assets(request.area, category=spec.category)
            )
            if not ok:
                return spec
    return None


@pytest.mark.parametrize("season", DATES)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("area", AREAS)
def test_every_style_area_and_season(catalog, area, style, season):
    request = PlanRequest(area=area, start=DATES[season], days=3, style=style)
    if not _lodging_every_night(catalog, request):
        base = catalog.gateways(area)[0].id
        request = PlanRequest(area=area, start=DATES[season], days=3, style=style, base_at=base)
    missing = _unservable_block(catalog, request)
    if missing is not None:
        with pytest.raises(InfeasibleError, match=f"needs .* of {missing.label}"):
            areatour.plan(request, catalog=catalog, time_limit=1.0, max_iterations=50)
        return
    itinerary = areatour.plan(request, catalog=catalog, time_limit=20.0, max_iterations=4000)
    assert itinerary.check(catalog)
    assert len(itinerary.days) == 3
    assert all(day.lodging for day in itinerary.days[:-1])
    assert itinerary.visits


def test_nemuro_satellite_in_february(catalog):
    """The issue's acceptance case: 3 days of satellite work from Nakashibetsu Airport."""
    request = PlanRequest(area="nemuro", start="2027-02-08", days=3, style="satellite")
    if not _lodging_every_night(catalog, request):
        pytest.xfail("the embedded catalog has no lodging in nemuro open in February yet")
    itinerary = areatour.plan(request, catalog=catalog, time_limit=3.0, max_iterations=800)
    assert itinerary.check(catalog)
    assert itinerary.days[0].stops[0].asset_id == "01692-gateway-nakashibetsu-airport"
    assert all(day.work_minutes >= 360 for day in itinerary.days)  # Mon-Wed are weekdays
    assert len(itinerary.towns_visited()) >= 3
