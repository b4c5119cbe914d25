import datetime as dt

import pytest

from areatour.hours import parse_hours
from areatour.loader import HOKKAIDO_BOUNDS
from areatour.opendata.values import (
    format_days,
    hours_text,
    parse_cost,
    parse_date,
    parse_days,
    parse_point,
    parse_time,
)


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("月火水木金土日", {0, 1, 2, 3, 4, 5, 6}),
        ("月水木金土日", {0, 2, 3, 4, 5, 6}),
        ("火水木金土日", {1, 2, 3, 4, 5, 6}),
        ("月~金", {0, 1, 2, 3, 4}),
        ("月〜金", {0, 1, 2, 3, 4}),
        ("金～月", {4, 5, 6, 0}),
        ("月曜日・水曜日・金曜日", {0, 2, 4}),
        ("平日", {0, 1, 2, 3, 4}),
        ("土日祝", {5, 6, 7}),
        ("毎日", set(range(7))),
        ("年中無休", set(range(7))),
        ("月火、祝日", {0, 1, 7}),
    ],
)
def test_parse_days(text, days):
    assert parse_days(text) == frozenset(days)


@pytest.mark.parametrize("text", ["", "不定休", "月~祝", "第3火曜日休館"])
def test_parse_days_rejects(text):
    with pytest.raises(ValueError):
        parse_days(text)


def test_format_days():
    assert format_days(frozenset(range(7))) == "Mo-Su"
    assert format_days(frozenset({0, 2, 3, 4, 5, 6})) == "Mo,We,Th,Fr,Sa,Su"
    assert format_days(frozenset({5, 6, 7})) == "Sa,Su,PH"


@pytest.mark.parametrize(
    ("days", "start", "end", "expected"),
    [
        ("月水木金土日", "9:00", "17:00", "Mo,We,Th,Fr,Sa,Su 09:00-17:00"),
        ("月水木金土日", "09:00", "17:00", "Mo,We,Th,Fr,Sa,Su 09:00-17:00"),
        ("月火水木金土日", "9:00", "17:00", "Mo-Su 09:00-17:00"),
        ("月火水木金土日", "00:00", "00:00", "Mo-Su 00:00-24:00"),
        ("金土", "18:00", "2:00", "Fr,Sa 18:00-26:00"),
        ("土日祝", "10時", "16時", "Sa,Su,PH 10:00-16:00"),
    ],
)
def test_hours_text_is_valid_schema(days, start, end, expected):
    text = hours_text(parse_days(days), start, end)
    assert text == expected
    parse_hours(text)


def test_hours_text_closed_days_are_closed():
    hours = parse_hours(hours_text(parse_days("月水木金土日"), "9:00", "17:00"))
    assert not hours.is_open_on(dt.date(2027, 2, 9))  # a Tuesday
    assert hours.spans_on(dt.date(2027, 2, 8)) == ((540, 1020),)


@pytest.mark.parametrize(("start", "end"), [("9:00", "9:00"), ("25:00", "26:00"), ("9", "17")])
def test_hours_text_rejects(start, end):
    with pytest.raises(ValueError):
        hours_text(frozenset(range(7)), start, end)


def test_parse_time():
    assert parse_time("9:00") == parse_time("09:00") == parse_time("09:00:00") == 540
    assert parse_time("２４:００") == 1440
    with pytest.raises(ValueError):
        parse_time("9:75")


@pytest.mark.parametrize(
    ("text", "yen"),
    [("無料", 0), ("550円", 550), ("1,000円", 1000), ("1,050円", 1050), ("500", 500), ("０円", 0)],
)
def test_parse_cost(text, yen):
    assert parse_cost(text) == yen


@pytest.mark.parametrize("text", ["大人500円", "500~1000円", "要問合せ", "1,00円"])
def test_parse_cost_rejects(text):
    with pytest.raises(ValueError):
        parse_cost(text)


@pytest.mark.parametrize(
    "text", ["2027-02-08", "2027/2/8", "2027.2.8", "2027年2月8日", "2027/02/08 00:00:00"]
)
def test_parse_date(text):
    assert parse_date(text) == dt.date(2027, 2, 8)


@pytest.mark.parametrize("text", ["2027-02-30", "令和9年2月8日", "2/8", "2027-02-08 10:00"])
def test_parse_date_rejects(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_parse_point():
    assert parse_point(" 43.0101 ", "141.6950", HOKKAIDO_BOUNDS) == (43.0101, 141.695)


@pytest.mark.parametrize(
    ("lat", "lon", "reason"),
    [
        ("", "", "no coordinates"),
        ("43.0", "", "incomplete"),
        ("x", "141.0", "not a number"),
        ("nan", "141.0", "not a number"),
        ("0", "0", "0,0"),
        ("141.69", "43.01", "swapped"),
        ("35.75", "139.88", "outside"),
        ("95", "141", "impossible"),
    ],
)
def test_parse_point_rejects(lat, lon, reason):
    with pytest.raises(ValueError, match=reason):
        parse_point(lat, lon, HOKKAIDO_BOUNDS)
