"""Each export format parses back with its own library and keeps the plan's facts."""

from __future__ import annotations

import datetime as dt
import io
import json

import gpxpy
import icalendar
import pandas as pd
import pytest

from areatour.errors import ValidationError
from areatour.export import (
    FORMATS,
    read_geojson,
    to_csv,
    to_geojson,
    to_gpx,
    to_ics,
    to_markdown,
    to_schedule_html,
    write,
)
from areatour.itinerary import Itinerary

# ---------------------------------------------------------------------- GeoJSON


def test_geojson_round_trip_to_frames(itinerary):
    stops, legs = read_geojson(json.dumps(to_geojson(itinerary)))
    expected = itinerary.stops_gdf()
    assert len(stops) == len(expected) and len(legs) == sum(len(d.legs) for d in itinerary.days)
    for col in ("day", "order", "kind", "asset_id", "name_ja", "name_en", "category", "label"):
        assert list(stops[col]) == list(expected[col]), col
    for col in ("arrive", "start", "depart"):
        assert list(stops[col]) == list(expected[col]), col
    assert list(stops["date"]) == list(expected["date"])
    assert stops.crs == "EPSG:4326"
    assert stops.geometry.geom_equals(expected.geometry).all()
    legs_expected = itinerary.legs_gdf()
    for col in ("day", "order", "from", "to", "minutes", "km", "depart", "arrive"):
        assert list(legs[col]) == list(legs_expected[col]), col
    assert legs.geometry.geom_equals(legs_expected.geometry).all()


def test_geojson_is_one_feature_collection(itinerary, tmp_path):
    path = write(itinerary, tmp_path / "plan.geojson")
    data = json.loads(path.read_text("utf-8"))
    assert data["type"] == "FeatureCollection"
    kinds = {f["properties"]["feature"] for f in data["features"]}
    assert kinds == {"stop", "leg"}
    stops, _ = read_geojson(path)
    assert len(stops) == len(itinerary.stops)


def test_read_geojson_rejects_other_json():
    with pytest.raises(ValidationError):
        read_geojson('{"type": "FeatureCollection", "features": [{"properties": {}}]}')
    with pytest.raises(ValidationError):
        read_geojson("{not json")


# -------------------------------------------------------------------------- CSV


def test_csv_is_excel_friendly_and_reads_back(itinerary, catalog):
    data = to_csv(itinerary, catalog=catalog)
    assert data.startswith(b"\xef\xbb\xbf")
    body = data[3:]
    assert body.count(b"\r\n") == len(itinerary.stops) + 1
    assert b"\n" not in body.replace(b"\r\n", b"")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype={"municipality_code": str})
    assert len(frame) == len(itinerary.stops)
    assert list(frame["asset_id"]) == [s.asset_id for s in itinerary.stops]
    assert list(frame["name_ja"]) == [s.name_ja for s in itinerary.stops]
    assert (
        frame["town"].iloc[0]
        == catalog.municipalities[itinerary.stops[0].municipality_code].name_ja
    )
    assert list(frame["municipality_code"]) == [s.municipality_code for s in itinerary.stops]


def test_csv_neutralises_formulas(hostile_itinerary):
    data = to_csv(hostile_itinerary)
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    for col in frame.columns:
        for value in frame[col].astype(str):
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (col, value)
    names = set(frame["name_ja"]) | set(frame["name_en"])
    assert '\'=HYPERLINK("http://evil","x")' in names
    assert "'+SUM(A1)" in names and "'-2+3" in names and "'@cmd|'/c calc'!A0" in names
    assert "'\tTab" in names and "'\rCR | pipe" in names


# -------------------------------------------------------------------------- ICS


def test_ics_one_event_per_stop_in_tokyo_time(itinerary):
    cal = icalendar.Calendar.from_ical(to_ics(itinerary))
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(itinerary.stops)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    visit = itinerary.days[0].stops[1]
    event = events[1]
    start = event.decoded("dtstart")
    assert start.utcoffset() == dt.timedelta(hours=9)
    assert start.replace(tzinfo=None) == visit.start
    assert event.decoded("dtend").replace(tzinfo=None) == visit.depart
    assert event["dtstart"].params["TZID"] == "Asia/Tokyo"
    assert visit.name_ja in str(event["summary"])
    assert str(event["url"]) == visit.url


def test_ics_uids_are_unique_and_stable(itinerary):
    stamp = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    first = to_ics(itinerary, stamp=stamp)
    again = to_ics(Itinerary.from_json(itinerary.to_json()), stamp=stamp)
    assert first == again
    uids = [str(e["uid"]) for e in icalendar.Calendar.from_ical(first).walk("VEVENT")]
    assert len(set(uids)) == len(uids)


def test_ics_keeps_hostile_text_as_text(hostile_itinerary):
    cal = icalendar.Calendar.from_ical(to_ics(hostile_itinerary, lang="en"))
    summaries = [str(e["summary"]) for e in cal.walk("VEVENT")]
    assert any("**[x](javascript:y)**" in s for s in summaries)


# -------------------------------------------------------------------------- GPX


def test_gpx_waypoints_and_a_route_per_day(itinerary):
    gpx = gpxpy.parse(to_gpx(itinerary))
    assert len(gpx.waypoints) == len(itinerary.stops)
    assert len(gpx.routes) == len(itinerary.days)
    first = itinerary.stops[0]
    assert gpx.waypoints[0].latitude == pytest.approx(first.lat)
    assert gpx.waypoints[0].name == first.name_ja
    assert gpx.waypoints[0].time == first.arrive.replace(tzinfo=dt.timezone(dt.timedelta(hours=9)))
    day = itinerary.days[0]
    extra = sum(max(len(leg.path) - 2, 0) for leg in day.legs)
    assert len(gpx.routes[0].points) == len(day.stops) + extra
    assert gpx.routes[0].points[-1].latitude == pytest.approx(day.stops[-1].lat)


def test_gpx_escapes_xml(hostile_itinerary):
    text = to_gpx(hostile_itinerary)
    assert "<script>" not in text
    names = [w.name for w in gpxpy.parse(text).waypoints]
    assert "<script>alert(1)</script>" in names


# -------------------------------------------------------------------- schedules


def test_markdown_schedule(itinerary, catalog):
    text = to_markdown(itinerary, catalog=catalog, lang="en")
    assert text.count("## Day ") == len(itinerary.days)
    assert itinerary.stops[1].name_en in text.replace("\\", "")
    assert text.count("\n| ") >= len(itinerary.stops)


def test_markdown_escapes(hostile_itinerary):
    text = to_markdown(hostile_itinerary, lang="en")
    assert "<script>" not in text
    assert "**[x](javascript:y)**" not in text
    assert "\\*\\*\\[x\\]\\(javascript:y\\)\\*\\*" in text
    assert "\\| pipe" in text  # a pipe in a name cannot split the table cell


def test_html_schedule_escapes_and_is_self_contained(hostile_itinerary):
    page = to_schedule_html(hostile_itinerary)
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<link" not in page and "src=" not in page and "url(" not in page
    assert page.count("<table>") == len(hostile_itinerary.days)


# ------------------------------------------------------------------------ write


@pytest.mark.parametrize("ext", sorted(FORMATS))
def test_write_every_format(itinerary, catalog, tmp_path, ext):
    path = write(itinerary, tmp_path / f"plan{ext}", catalog=catalog, offline=True, lang="en")
    assert path == tmp_path / f"plan{ext}"
    assert path.stat().st_size > 0


def test_write_html_is_the_map(itinerary, catalog, tmp_path):
    html = write(itinerary, tmp_path / "m.html", catalog=catalog, offline=True).read_text("utf-8")
    assert "L.map(" in html and "<script src=" not in html
    sched = write(itinerary, tmp_path / "m.schedule.html", catalog=catalog).read_text("utf-8")
    assert "L.map(" not in sched and "<table>" in sched


def test_write_json_round_trips(itinerary, tmp_path):
    path = write(itinerary, tmp_path / "plan.json")
    assert Itinerary.from_json(path.read_text("utf-8")) == itinerary


@pytest.mark.parametrize("name", ["plan.xlsx", "plan", "plan.HTML.bak", ".csv"])
def test_write_rejects_unknown_extension(itinerary, tmp_path, name):
    with pytest.raises(ValidationError, match="extension"):
        write(itinerary, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_write_rejects_unknown_language(itinerary, tmp_path):
    with pytest.raises(ValidationError, match="lang"):
        write(itinerary, tmp_path / "plan.md", lang="de")
