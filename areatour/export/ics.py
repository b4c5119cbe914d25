"""An itinerary as an iCalendar file: one event per stop in Asia/Tokyo time."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..maps.popups import safe_url
from ..maps.style import category_label, text

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..itinerary import Itinerary, Stop

__all__ = ["TZID", "stop_uid", "to_ics"]

TZID = "Asia/Tokyo"


def stop_uid(itinerary: Itinerary, day: int, order: int, stop: Stop) -> str:
    """A UID that stays the same for the same stop of the same plan.

    Built from the area, date, position in the day and asset id, so exporting a
    plan again updates the events already imported instead of duplicating them.
    """
    key = f"{itinerary.area_id}|{stop.start.date().isoformat()}|{day}|{order}|{stop.asset_id}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24] + "@areatour"


def _description(stop: Stop, lang: str, catalog: Catalog | None) -> str:
    lines = [f"{text(stop.kind, lang)} · {category_label(stop.category, lang, catalog)}"]
    if stop.label and stop.kind == "work":
        lines.append(stop.label)
    if stop.start > stop.arrive:
        lines.append(f"{text('arrive', lang)}: {stop.arrive:%H:%M}")
    if stop.cost_jpy is not None:
        lines.append(f"{text('cost', lang)}: {text('yen', lang, n=f'{stop.cost_jpy:,}')}")
    if stop.url:
        lines.append(stop.url)
    return "\n".join(lines)


def to_ics(
    itinerary: Itinerary,
    *,
    lang: str = "ja",
    catalog: Catalog | None = None,
    stamp: dt.datetime | None = None,
) -> bytes:
    """One VEVENT per stop (TZID Asia/Tokyo, stable UIDs) as iCalendar bytes.

    Parameters
    ----------
    itinerary
        The plan.
    lang
        Language of summaries and descriptions.
    catalog
        Used for category labels.
    stamp
        The DTSTAMP of every event (default: now, UTC).

    Returns
    -------
    bytes
        Ready to write to a ``.ics`` file.
    """
    import icalendar

    tz = ZoneInfo(TZID)
    stamp = stamp or dt.datetime.now(dt.UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//areatour//itinerary//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{itinerary.area_id} {text('schedule', lang)}")
    cal.add("x-wr-timezone", TZID)
    for day_no, day in enumerate(itinerary.days, start=1):
        for order, stop in enumerate(day.stops):
            event = icalendar.Event()
            event.add("uid", stop_uid(itinerary, day_no, order, stop))
            event.add("dtstamp", stamp)
            name = stop.name(lang) or stop.name_ja
            event.add("summary", f"{text('day', lang, n=day_no)}: {name}")
            start = stop.start if stop.kind != "gateway" or order == 0 else stop.arrive
            event.add("dtstart", start.replace(tzinfo=tz))
            if stop.depart > start:
                event.add("dtend", stop.depart.replace(tzinfo=tz))
            event.add("description", _description(stop, lang, catalog))
            event.add("geo", (stop.lat, stop.lon))
            event.add("categories", [stop.category])
            url = safe_url(stop.url)
            if url:
                event.add("url", url)
            cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
