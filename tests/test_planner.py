import datetime as dt
from pathlib import Path

import pytest

import areatour
from areatour import InfeasibleError, PlanRequest, ValidationError, load_catalog
from areatour.checker import violations
from areatour.itinerary import Itinerary

TINY = Path(__file__).parent / "fixtures" / "tiny"
TOWNS = ("01428", "01429")  # 長沼町, 栗山町
GW = "01428-gateway-test-station"


@pytest.fixture(scope="module")
def tiny():
    return load_catalog(TINY)


def request(**kw):
    base = dict(towns=TOWNS, start="2027-07-12", days=2, style="kyuka", start_at=GW, end_at=GW)
    base.update(kw)
    return PlanRequest(**base)


def test_request_validation():
    with pytest.raises(ValidationError, match=r"days must be 1\.\.14"):
        request(days=0)
    with pytest.raises(ValidationError, match="exactly one of area= or towns="):
        PlanRequest(area="nemuro", towns=("01428",), start="2027-01-01")
    with pytest.raises(ValidationError, match="unknown style"):
        request(style="holiday")
    with pytest.raises(ValidationError, match="day_end must be after"):
        request(day_start="18:00", day_end="09:00")
    with pytest.raises(ValidationError, match="business day"):
        request(business_days=("2030-01-01",))


def test_request_round_trip():
    r = request(interests={"onsen": 2.0}, business_days=("2027-07-12",), max_driving_minutes=90)
    assert PlanRequest.from_dict(r.to_dict()) == r


def test_satellite_plan_has_work_on_each_weekday(tiny):
    it = areatour.plan(request(style="satellite"), catalog=tiny, time_limit=2, max_iterations=300)
    assert it.check(tiny)
    for day in it.days:
        work = [s for s in day.stops if s.kind == "work"]
        assert work and work[0].asset_id == "01428-workspace-test-cowork"
        assert day.work_minutes >= 360
    assert it.days[0].lodging == "01429-lodging-test-inn" or it.days[0].lodging.endswith("camp")
    assert it.days[0].stops[0].kind == "gateway" and it.days[-1].stops[-1].kind == "gateway"


def test_opening_hours_and_seasons_respected(tiny):
    # 2027-11-08 is a Monday: the museum is out of season (4-10) and the camp closed
    it = areatour.plan(
        request(start="2027-11-08", days=2), catalog=tiny, time_limit=2, max_iterations=300
    )
    ids = {s.asset_id for s in it.stops}
    assert "01429-sight-test-museum" not in ids
    assert it.days[0].lodging == "01429-lodging-test-inn"
    assert violations(it, tiny) == []


def test_satellite_infeasible_on_a_holiday_week_names_the_constraint(tiny):
    # the cowork closes on public holidays, but holidays are not work days either;
    # a weekday where the workspace is closed: remove it from the catalog
    with pytest.raises(
        InfeasibleError,
        match=r"satellite needs 6 h of work on 2027-07-12 .*"
        r"no workspace",
    ):
        areatour.plan(
            request(style="satellite", exclude=("01428-workspace-test-cowork",)),
            catalog=tiny,
            time_limit=1,
        )


def test_no_lodging_is_infeasible(tiny):
    with pytest.raises(InfeasibleError, match="no lodging"):
        areatour.plan(
            request(exclude=("01429-lodging-test-inn", "01428-lodging-test-camp")),
            catalog=tiny,
            time_limit=1,
        )


def test_unknown_asset_in_request(tiny):
    with pytest.raises(areatour.UnknownNameError):
        areatour.plan(request(must_visit=("nope",)), catalog=tiny, time_limit=1)


def test_must_visit_and_required_towns(tiny):
    it = areatour.plan(
        request(must_visit=("01429-local_business-test-farm",), required_towns=("01428",)),
        catalog=tiny,
        time_limit=2,
        max_iterations=300,
    )
    visited = {s.asset_id for s in it.visits}
    assert "01429-local_business-test-farm" in visited
    assert "01428" in {s.municipality_code for s in it.visits}


def test_same_seed_same_plan(tiny):
    a = areatour.plan(request(), catalog=tiny, time_limit=5, seed=3, max_iterations=200)
    b = areatour.plan(request(), catalog=tiny, time_limit=5, seed=3, max_iterations=200)
    assert a.to_dict()["days"] == b.to_dict()["days"] and a.seed == 3


def test_json_round_trip_is_lossless(tiny):
    it = areatour.plan(request(style="satellite"), catalog=tiny, time_limit=1, max_iterations=100)
    again = Itinerary.from_json(it.to_json())
    assert again == it
    data = it.to_dict()
    stop = data["days"][0]["stops"][0]
    assert {
        "asset_id",
        "municipality_code",
        "category",
        "kind",
        "arrive",
        "depart",
        "lat",
        "lon",
    } <= set(stop)
    assert dt.datetime.fromisoformat(stop["depart"]).date() == dt.date(2027, 7, 12)
    assert {"from", "to", "minutes", "km"} <= set(data["days"][0]["legs"][0])
    assert data["request"]["style"] == "satellite"


def test_tables_and_geodataframes(tiny):
    it = areatour.plan(request(), catalog=tiny, time_limit=1, max_iterations=100)
    df = it.to_dataframe()
    assert len(df) == len(it.stops) and set(df["day"]) == {1, 2}
    stops, legs = it.stops_gdf(), it.legs_gdf()
    assert stops.crs.to_epsg() == legs.crs.to_epsg() == 4326
    assert len(legs) == sum(len(d.legs) for d in it.days)
    summary = it.summary()
    assert summary["days"] == 2 and summary["towns"] >= 1


def test_check_catches_tampering(tiny):
    it = areatour.plan(request(style="satellite"), catalog=tiny, time_limit=1, max_iterations=100)
    data = it.to_dict()
    # squeeze the first leg: arrive before the travel time allows
    first_stop = data["days"][0]["stops"][1]
    first_stop["arrive"] = data["days"][0]["stops"][0]["depart"]
    # drop the work block of day 2
    data["days"][1]["stops"] = [s for s in data["days"][1]["stops"] if s["kind"] != "work"]
    found = violations(Itinerary.from_dict(data), tiny)
    assert any("takes" in v for v in found)
    assert any("needs 6 h of work" in v for v in found)
    with pytest.raises(ValidationError, match="itinerary check failed"):
        Itinerary.from_dict(data).check(tiny)


def test_budget_drops_priced_visits(tiny):
    it = areatour.plan(
        request(budget_jpy=900, min_towns=1), catalog=tiny, time_limit=1, max_iterations=100
    )
    cost = sum(s.cost_jpy or 0 for s in it.visits)
    assert cost <= 900


@pytest.mark.parametrize(("start", "expected"), [("2027-07-12", False), ("2027-02-08", True)])
def test_ski_area_with_unknown_months_is_planned_in_winter_only(catalog, start, expected):
    from areatour.problem_builder import build_problem

    ski = catalog.asset("01210-activity-haginoyama-ski")
    assert ski.months is None and ski.subcategory == "ski_area"
    built = build_problem(
        PlanRequest(area="minami-sorachi", start=start, days=2, style="kyuka"), catalog
    )
    assert (ski in built.assets) is expected
