"""End to end on the embedded Hokkaido data: every style, every council area, summer and winter."""

import pytest

import areatour
from areatour import PlanRequest

AREAS = ("kita-sorachi", "naka-sorachi", "minami-sorachi", "nemuro")
STYLES = ("kyuka", "bleisure", "satellite", "gasshuku", "kadai", "shisatsu")
DATES = {"summer": "2027-07-12", "winter": "2027-02-08"}  # both Mondays


@pytest.mark.parametrize("season", DATES)
@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("area", AREAS)
def test_every_style_area_and_season(catalog, area, style, season):
    request = PlanRequest(area=area, start=DATES[season], days=3, style=style)
    itinerary = areatour.plan(request, catalog=catalog, time_limit=2.0, max_iterations=400)
    assert itinerary.check(catalog)
    assert len(itinerary.days) == 3
    assert all(day.lodging for day in itinerary.days[:-1])
    assert itinerary.visits


def test_nemuro_satellite_in_february(catalog):
    """The issue's acceptance case: 3 days of satellite work from Nakashibetsu Airport."""
    request = PlanRequest(area="nemuro", start="2027-02-08", days=3, style="satellite")
    itinerary = areatour.plan(request, catalog=catalog, time_limit=3.0, max_iterations=800)
    assert itinerary.check(catalog)
    assert itinerary.days[0].stops[0].asset_id == "01692-gateway-nakashibetsu-airport"
    assert all(day.work_minutes >= 360 for day in itinerary.days)  # Mon-Wed are weekdays
    assert len(itinerary.towns_visited()) >= 3
