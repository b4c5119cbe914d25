"""Opening hours and open months.

Opening hours use a small, documented subset of the OpenStreetMap
``opening_hours`` syntax (see ``data/assets/SCHEMA.md``)::

    Mo-Fr 09:00-17:00; Sa,Su 10:00-16:00
    Tu-Su 10:00-17:00; Mo off
    Mo-Su 11:00-14:00,17:00-21:00; PH off
    24/7

Rules are separated by ``;``. Later rules override earlier ones for the days
they name. ``PH`` names Japanese public holidays; a ``PH`` rule overrides the
weekday rule on a holiday. Days that no rule names are closed. Times may run
past midnight (``17:00-26:00``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

__all__ = ["DAY_CODES", "OpeningHours", "is_public_holiday", "parse_hours", "parse_months"]

DAY_CODES: tuple[str, ...] = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su", "PH")
_PH = 7
_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")

Span = tuple[int, int]


def is_public_holiday(day: dt.date) -> bool:
    """Whether ``day`` is a Japanese public holiday (国民の祝日 or 振替休日).

    Examples
    --------
    >>> import datetime as dt
    >>> is_public_holiday(dt.date(2027, 1, 1)), is_public_holiday(dt.date(2027, 1, 5))
    (True, False)
    """
    import jpholiday

    return bool(jpholiday.is_holiday(day))


@dataclass(frozen=True)
class OpeningHours:
    """Weekly opening hours with a public-holiday rule.

    Use :func:`parse_hours` to build one from text. ``text`` keeps the
    original string so that data written back is unchanged.

    Attributes
    ----------
    text
        The source text, e.g. ``"Tu-Su 10:00-17:00; Mo off"``.
    week
        For each day code index 0..7 (Mo..Su, PH) the open spans in minutes
        after midnight, or ``None`` when no rule names that day (``PH`` then
        falls back to the weekday).

    Examples
    --------
    >>> import datetime as dt
    >>> hours = parse_hours("Mo-Fr 09:00-17:00; PH off")
    >>> hours.is_open_on(dt.date(2027, 2, 10)), hours.is_open_on(dt.date(2027, 2, 11))
    (True, False)
    """

    text: str
    week: tuple[tuple[Span, ...] | None, ...] = field(compare=False, repr=False)

    def spans_on(self, day: dt.date) -> tuple[Span, ...]:
        """Open spans (minutes after midnight) on a calendar date.

        Examples
        --------
        >>> import datetime as dt
        >>> h = parse_hours("Tu-Su 10:00-17:00; Mo off; PH 10:00-15:00")
        >>> h.spans_on(dt.date(2027, 2, 8))  # a Monday
        ()
        >>> h.spans_on(dt.date(2027, 2, 11))  # National Foundation Day
        ((600, 900),)
        """
        if self.week[_PH] is not None and is_public_holiday(day):
            return self.week[_PH] or ()
        return self.week[day.weekday()] or ()

    def is_open_on(self, day: dt.date) -> bool:
        """Whether the place opens at all on ``day``."""
        return bool(self.spans_on(day))

    def __str__(self) -> str:
        return self.text


def _parse_time(token: str, text: str) -> int:
    m = _TIME.match(token)
    if not m:
        raise ValueError(f"bad time {token!r} in opening hours {text!r} (use HH:MM)")
    hours, minutes = int(m.group(1)), int(m.group(2))
    if minutes >= 60 or hours > 48:
        raise ValueError(f"impossible time {token!r} in opening hours {text!r}")
    return hours * 60 + minutes


def _parse_days(selector: str, text: str) -> list[int]:
    days: list[int] = []
    for part in selector.split(","):
        part = part.strip()
        if "-" in part:
            first, last = part.split("-", 1)
            if first not in DAY_CODES[:7] or last not in DAY_CODES[:7]:
                raise ValueError(f"bad day range {part!r} in opening hours {text!r}")
            i, j = DAY_CODES.index(first), DAY_CODES.index(last)
            days.extend((i + k) % 7 for k in range((j - i) % 7 + 1))
        elif part in DAY_CODES:
            days.append(DAY_CODES.index(part))
        else:
            raise ValueError(
                f"bad day {part!r} in opening hours {text!r} (use {' '.join(DAY_CODES)})"
            )
    return days


def _parse_spans(spec: str, text: str) -> tuple[Span, ...]:
    if spec == "off":
        return ()
    spans: list[Span] = []
    for chunk in spec.split(","):
        if chunk.count("-") != 1:
            raise ValueError(f"bad time span {chunk!r} in opening hours {text!r}")
        start_s, end_s = chunk.split("-")
        start, end = _parse_time(start_s.strip(), text), _parse_time(end_s.strip(), text)
        if end <= start:
            raise ValueError(
                f"time span {chunk!r} in opening hours {text!r} ends before it starts "
                "(write times after midnight as 25:00 and so on)"
            )
        spans.append((start, end))
    spans.sort()
    for (_, e1), (s2, _) in itertools.pairwise(spans):
        if s2 < e1:
            raise ValueError(f"overlapping time spans in opening hours {text!r}")
    return tuple(spans)


def parse_hours(text: str) -> OpeningHours:
    """Parse opening hours written in the documented subset of OSM syntax.

    Parameters
    ----------
    text
        E.g. ``"Mo-Fr 09:00-17:00; Sa 10:00-12:00"``.

    Returns
    -------
    OpeningHours

    Raises
    ------
    ValueError
        When the text does not follow the syntax; the message quotes the bad part.

    Examples
    --------
    >>> h = parse_hours("Mo-Fr 09:00-17:00; Sa,Su 10:00-16:00")
    >>> h.week[0], h.week[6]
    (((540, 1020),), ((600, 960),))
    """
    source = text
    text = text.strip()
    if not text:
        raise ValueError("empty opening hours")
    week: list[tuple[Span, ...] | None] = [None] * 8
    if text == "24/7":
        return OpeningHours(source, tuple([((0, 1440),)] * 7 + [None]))
    for rule in text.split(";"):
        rule = rule.strip()
        if not rule:
            continue
        parts = rule.split(None, 1)
        if len(parts) != 2:
            raise ValueError(f"rule {rule!r} in opening hours {source!r} needs days and times")
        selector, spec = parts
        spans = _parse_spans(spec.replace(" ", ""), source)
        for day in _parse_days(selector, source):
            week[day] = spans
    return OpeningHours(source, tuple(week))


def parse_months(text: str) -> frozenset[int]:
    """Parse open months such as ``"4-10"``, ``"12-3"`` or ``"1,2,12"``.

    Examples
    --------
    >>> sorted(parse_months("12-3"))
    [1, 2, 3, 12]
    >>> sorted(parse_months("5,7-8"))
    [5, 7, 8]
    """
    months: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        try:
            if "-" in part:
                a_s, b_s = part.split("-", 1)
                a, b = int(a_s), int(b_s)
                if not (1 <= a <= 12 and 1 <= b <= 12):
                    raise ValueError
                months.update(((a - 1 + k) % 12) + 1 for k in range((b - a) % 12 + 1))
            else:
                m = int(part)
                if not 1 <= m <= 12:
                    raise ValueError
                months.add(m)
        except ValueError:
            raise ValueError(f"bad months {text!r} (use e.g. 4-10, 12-3 or 1,2,12)") from None
    return frozenset(months)
