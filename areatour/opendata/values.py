"""Reading the values of open-data cells: weekdays and times, fees, dates, coordinates.

Every function takes the raw text of a cell and either returns the value in
areatour's terms or raises :class:`ValueError` with a message fit for a report.
Nothing is guessed: a cell that cannot be read with certainty raises.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from ..hours import DAY_CODES, parse_hours

__all__ = [
    "format_days",
    "hours_text",
    "parse_cost",
    "parse_date",
    "parse_days",
    "parse_point",
    "parse_time",
]

_KANJI_DAYS = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6, "祝": 7}
_WORDS = {
    "毎日": range(7),
    "年中無休": range(7),
    "無休": range(7),
    "全日": range(7),
    "平日": range(5),
    "土日祝日": (5, 6, 7),
    "土日祝": (5, 6, 7),
    "祝日": (7,),
    "祝祭日": (7,),
}
_RANGE_DASHES = "~〜～-－‐–—ー"
_SEPARATORS = re.compile(r"[\s、,，・/／]+")
_TIME = re.compile(r"^(\d{1,2})(?::|時)(\d{2})(?::\d{2})?分?$|^(\d{1,2})時$")
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]0{1,2}:00(?::00)?)?$")
_COST = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)円?$")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _day_run(token: str, text: str) -> list[int]:
    """Days of one token: a word, a range ``月~金`` or kanji run together ``月水金``."""
    if token in _WORDS:
        return list(_WORDS[token])
    for dash in _RANGE_DASHES:
        if dash in token:
            first, _, last = token.partition(dash)
            if first in _KANJI_DAYS and last in _KANJI_DAYS and "祝" not in (first, last):
                i, j = _KANJI_DAYS[first], _KANJI_DAYS[last]
                return [(i + k) % 7 for k in range((j - i) % 7 + 1)]
            raise ValueError(f"cannot read the day range {token!r} in {text!r}")
    days: list[int] = []
    for char in token:
        if char not in _KANJI_DAYS:
            raise ValueError(f"cannot read the days {text!r}")
        days.append(_KANJI_DAYS[char])
    return days


def parse_days(text: str) -> frozenset[int]:
    """Open days from a 利用可能曜日 cell: indices 0..6 = Mo..Su, 7 = public holidays.

    Accepts kanji run together (``月火水木金土日``), ranges (``月~金``), separators
    (``月・水・金``), ``曜``/``曜日`` suffixes and the words 毎日, 無休, 平日, 土日祝, 祝日.

    Examples
    --------
    >>> sorted(parse_days("月水木金土日"))
    [0, 2, 3, 4, 5, 6]
    >>> sorted(parse_days("月曜日～金曜日、祝日"))
    [0, 1, 2, 3, 4, 7]
    """
    norm = _nfkc(text).replace("曜日", "").replace("曜", "")
    if not norm:
        raise ValueError("no days given")
    days: set[int] = set()
    for token in _SEPARATORS.split(norm):
        if token:
            days.update(_day_run(token, text))
    return frozenset(days)


def format_days(days: frozenset[int]) -> str:
    """A day selector in the SCHEMA syntax: ``Mo-Su`` for every weekday, else a list.

    Examples
    --------
    >>> format_days(frozenset({0, 2, 3, 4, 5, 6}))
    'Mo,We,Th,Fr,Sa,Su'
    >>> format_days(frozenset(range(8)))
    'Mo-Su,PH'
    """
    weekdays = sorted(d for d in days if d < 7)
    parts = ["Mo-Su"] if len(weekdays) == 7 else [DAY_CODES[d] for d in weekdays]
    if 7 in days:
        parts.append("PH")
    return ",".join(parts)


def parse_time(text: str) -> int:
    """Minutes after midnight from ``9:00``, ``09:00``, ``09:00:00`` or ``9時``.

    Examples
    --------
    >>> parse_time("9:00"), parse_time("17:30"), parse_time("10時")
    (540, 1050, 600)
    """
    norm = _nfkc(text)
    m = _TIME.match(norm)
    if not m:
        raise ValueError(f"not a time: {text!r}")
    hours = int(m.group(1) or m.group(3))
    minutes = int(m.group(2) or 0)
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise ValueError(f"impossible time: {text!r}")
    return hours * 60 + minutes


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hours_text(days: frozenset[int], start: str, end: str) -> str:
    """Opening hours in the SCHEMA syntax from open days and a start and end time.

    ``00:00``–``00:00`` means the whole day; an end before the start runs past
    midnight (``18:00``–``02:00`` → ``18:00-26:00``).

    Raises
    ------
    ValueError
        When a time cannot be read or start and end are the same (other than 00:00).

    Examples
    --------
    >>> hours_text(frozenset({0, 2, 3, 4, 5, 6}), "9:00", "17:00")
    'Mo,We,Th,Fr,Sa,Su 09:00-17:00'
    >>> hours_text(frozenset(range(7)), "00:00", "00:00")
    'Mo-Su 00:00-24:00'
    """
    if not days:
        raise ValueError("no open days")
    first, last = parse_time(start), parse_time(end)
    if first == last == 0:
        last = 24 * 60
    elif last == first:
        raise ValueError(f"start and end time are the same ({start}, {end})")
    elif last < first:
        last += 24 * 60
    text = f"{format_days(days)} {_clock(first)}-{_clock(last)}"
    parse_hours(text)  # the result must be valid SCHEMA syntax
    return text


def parse_cost(text: str) -> int:
    """A fee in yen from 料金(基本): ``無料`` → 0, ``550円`` → 550, ``1,000円`` → 1000.

    Raises
    ------
    ValueError
        For anything else (ranges, several prices, words).

    Examples
    --------
    >>> parse_cost("無料"), parse_cost("550円"), parse_cost("1,000円"), parse_cost("500")
    (0, 550, 1000, 500)
    """
    norm = _nfkc(text).replace(" ", "")
    if norm in ("無料", "0円", "なし"):
        return 0
    m = _COST.match(norm)
    if not m:
        raise ValueError(f"not a single price in yen: {text!r}")
    return int(m.group(1).replace(",", ""))


def parse_date(text: str) -> dt.date:
    """A date from ``2024-04-01``, ``2024/4/1``, ``2024.4.1`` or ``2024年4月1日``.

    Examples
    --------
    >>> parse_date("2024/4/1"), parse_date("2024年12月24日")
    (datetime.date(2024, 4, 1), datetime.date(2024, 12, 24))
    """
    norm = _nfkc(text)
    m = _DATE.match(norm)
    if not m:
        raise ValueError(f"not a date: {text!r}")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise ValueError(f"impossible date: {text!r}") from None


def _number(text: str, what: str) -> float:
    norm = _nfkc(text)
    try:
        value = float(norm)
    except ValueError:
        raise ValueError(f"{what} is not a number: {text!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} is not a number: {text!r}")
    return value


def parse_point(
    lat_text: str, lon_text: str, bounds: tuple[float, float, float, float]
) -> tuple[float, float]:
    """Latitude and longitude in decimal degrees, checked against ``bounds``.

    Parameters
    ----------
    lat_text, lon_text
        The 緯度 and 経度 cells.
    bounds
        ``(min_lat, max_lat, min_lon, max_lon)`` the point must lie in.

    Raises
    ------
    ValueError
        Missing, not a number, ``0,0``, swapped, or outside ``bounds``.

    Examples
    --------
    >>> parse_point("43.01", "141.69", (41.3, 45.6, 139.3, 145.9))
    (43.01, 141.69)
    """
    if not lat_text.strip() and not lon_text.strip():
        raise ValueError("no coordinates (緯度 and 経度 are empty)")
    if not lat_text.strip() or not lon_text.strip():
        raise ValueError("incomplete coordinates (緯度 or 経度 is empty)")
    lat, lon = _number(lat_text, "緯度"), _number(lon_text, "経度")
    if lat == 0 and lon == 0:
        raise ValueError("coordinates are 0,0")
    lat_lo, lat_hi, lon_lo, lon_hi = bounds
    inside = lat_lo <= lat <= lat_hi and lon_lo <= lon <= lon_hi
    if not inside and lat_lo <= lon <= lat_hi and lon_lo <= lat <= lon_hi:
        raise ValueError(f"緯度 and 経度 look swapped ({lat}, {lon})")
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise ValueError(f"impossible coordinates ({lat}, {lon})")
    if not inside:
        raise ValueError(
            f"coordinates ({lat}, {lon}) are outside the accepted area "
            f"(lat {lat_lo}..{lat_hi}, lon {lon_lo}..{lon_hi})"
        )
    return lat, lon
