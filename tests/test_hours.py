import datetime as dt

import pytest

from areatour.hours import parse_hours, parse_months

MONDAY = dt.date(2027, 2, 8)


def test_weekday_ranges_and_overrides():
    h = parse_hours("Mo-Su 10:00-17:00; Tu off")
    assert h.spans_on(MONDAY) == ((600, 1020),)
    assert h.spans_on(MONDAY + dt.timedelta(days=1)) == ()


def test_wrapping_day_range_and_two_spans():
    h = parse_hours("Fr-Mo 11:00-14:00,17:00-21:00")
    assert h.week[4] == h.week[0] == ((660, 840), (1020, 1260))
    assert h.week[2] is None


def test_public_holiday_rule_applies_only_on_holidays():
    h = parse_hours("Mo-Fr 09:00-17:00; PH off")
    assert h.is_open_on(dt.date(2027, 2, 10))
    assert not h.is_open_on(dt.date(2027, 2, 11))  # 建国記念の日, a Thursday


def test_days_not_named_are_closed_and_past_midnight_allowed():
    h = parse_hours("Sa 17:00-26:00")
    assert h.week[5] == ((1020, 1560),)
    assert not h.is_open_on(MONDAY)


def test_24_7():
    assert parse_hours("24/7").spans_on(MONDAY) == ((0, 1440),)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Mo",
        "Xx 09:00-10:00",
        "Mo 9-17",
        "Mo 17:00-09:00",
        "Mo 09:00-12:00,11:00-13:00",
        "Mo 09:75-10:00",
    ],
)
def test_malformed_hours_raise(text):
    with pytest.raises(ValueError):
        parse_hours(text)


def test_text_is_kept_verbatim():
    assert str(parse_hours("Tu-Su 10:00-17:00; Mo off")) == "Tu-Su 10:00-17:00; Mo off"


def test_months():
    assert parse_months("4-10") == frozenset(range(4, 11))
    assert parse_months("11-2") == frozenset({11, 12, 1, 2})
    for bad in ("0-3", "13", "x", "4-"):
        with pytest.raises(ValueError):
            parse_months(bad)
