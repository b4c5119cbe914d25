"""Write an itinerary to a file whose format follows from its extension."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ValidationError

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..itinerary import Itinerary

__all__ = ["FORMATS", "render", "write"]

#: file extension -> what is written
FORMATS: dict[str, str] = {
    ".html": "interactive map (folium/Leaflet); offline=True makes it a single file",
    ".htm": "same as .html",
    ".schedule.html": "printable schedule page",
    ".geojson": "stops and legs as one GeoJSON FeatureCollection",
    ".csv": "one row per stop, UTF-8 with BOM for Excel",
    ".ics": "calendar, one event per stop (Asia/Tokyo)",
    ".gpx": "GPX waypoints per stop and a route per day",
    ".md": "Markdown schedule",
    ".json": "the itinerary itself (Itinerary.from_json reads it back)",
}


def _extension(path: Path) -> str:
    name = path.name.lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ext) and len(name) > len(ext):
            return ext
    raise ValidationError(
        f"cannot tell the format of {str(path)!r} from its extension; use one of: "
        + ", ".join(FORMATS)
    )


def render(
    itinerary: Itinerary,
    ext: str,
    *,
    offline: bool = False,
    lang: str = "ja",
    catalog: Catalog | None = None,
) -> bytes:
    """The bytes :func:`write` would write for extension ``ext`` (nothing is written)."""
    from ..maps.base import check_lang

    check_lang(lang)
    renderers: dict[str, Callable[[], bytes | str]] = {
        ".html": lambda: _map_html(itinerary, offline=offline, lang=lang, catalog=catalog),
        ".schedule.html": lambda: _schedule(itinerary, lang, catalog, markdown=False),
        ".geojson": lambda: _geojson(itinerary),
        ".csv": lambda: _csv(itinerary, lang, catalog),
        ".ics": lambda: _ics(itinerary, lang, catalog),
        ".gpx": lambda: _gpx(itinerary, lang),
        ".md": lambda: _schedule(itinerary, lang, catalog, markdown=True),
        ".json": lambda: itinerary.to_json() + "\n",
    }
    renderers[".htm"] = renderers[".html"]
    if ext not in renderers:
        raise ValidationError(f"unknown export format {ext!r}; use one of: {', '.join(FORMATS)}")
    out = renderers[ext]()
    return out.encode("utf-8") if isinstance(out, str) else out


def write(
    itinerary: Itinerary,
    path: str | Path,
    *,
    offline: bool = False,
    lang: str = "ja",
    catalog: Catalog | None = None,
) -> Path:
    """Write ``itinerary`` to ``path`` in the format its extension names.

    Parameters
    ----------
    itinerary
        The plan.
    path
        Target file; the extension picks the format (see :data:`FORMATS`):
        ``.html`` map, ``.schedule.html`` printable schedule, ``.geojson``,
        ``.csv``, ``.ics``, ``.gpx``, ``.md`` or ``.json``.
    offline
        For ``.html``: inline every resource and draw without tiles.
    lang
        ``"ja"`` or ``"en"``.
    catalog
        Used for category labels, town names and the map's member towns
        (default: the embedded catalog for maps, none otherwise).

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ValidationError
        For an unknown extension or language (nothing is written then).
    """
    target = Path(path)
    data = render(itinerary, _extension(target), offline=offline, lang=lang, catalog=catalog)
    target.write_bytes(data)
    return target


def _map_html(itinerary: Itinerary, *, offline: bool, lang: str, catalog: Catalog | None) -> str:
    from ..maps import render_itinerary, to_html

    m = render_itinerary(itinerary, catalog=catalog, lang=lang, offline=offline)
    return to_html(m, offline=offline)


def _schedule(itinerary: Itinerary, lang: str, catalog: Catalog | None, *, markdown: bool) -> str:
    from .schedule import to_markdown, to_schedule_html

    fn = to_markdown if markdown else to_schedule_html
    return fn(itinerary, lang=lang, catalog=catalog)


def _geojson(itinerary: Itinerary) -> str:
    import json

    from .geojson import to_geojson

    return json.dumps(to_geojson(itinerary), ensure_ascii=False, indent=1) + "\n"


def _csv(itinerary: Itinerary, lang: str, catalog: Catalog | None) -> bytes:
    from .spreadsheet import to_csv

    return to_csv(itinerary, catalog=catalog, lang=lang)


def _ics(itinerary: Itinerary, lang: str, catalog: Catalog | None) -> bytes:
    from .ics import to_ics

    return to_ics(itinerary, lang=lang, catalog=catalog)


def _gpx(itinerary: Itinerary, lang: str) -> str:
    from .gpx import to_gpx

    return to_gpx(itinerary, lang=lang)
