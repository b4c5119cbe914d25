"""Export an itinerary: map HTML, GeoJSON, CSV for Excel, iCalendar, GPX, schedules.

Each ``to_*`` function returns text or bytes and writes nothing;
:func:`write` writes one file whose extension picks the format.
"""

from __future__ import annotations

from .formats import FORMATS, render, write
from .geojson import read_geojson, to_geojson
from .gpx import to_gpx
from .ics import to_ics
from .schedule import to_markdown, to_schedule_html
from .spreadsheet import to_csv

__all__ = [
    "FORMATS",
    "read_geojson",
    "render",
    "to_csv",
    "to_geojson",
    "to_gpx",
    "to_ics",
    "to_markdown",
    "to_schedule_html",
    "write",
]
