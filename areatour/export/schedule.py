"""Printable schedules of an itinerary: an HTML page and Markdown, all text escaped."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..maps.popups import esc, safe_url
from ..maps.style import category_label, text

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..itinerary import Itinerary, Stop

__all__ = ["md_escape", "to_markdown", "to_schedule_html"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")

_PRINT_CSS = """
body { font: 14px/1.5 sans-serif; margin: 2em; color: #222; }
h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #eee; }
@media print { body { margin: 0; } h2 { page-break-after: avoid; }
  tr { page-break-inside: avoid; } }
"""


def md_escape(value: object) -> str:
    """Text for Markdown: punctuation backslash-escaped, ``& <`` as entities, one line.

    Examples
    --------
    >>> md_escape("<b>*x*</b>")
    '&lt;b\\\\>\\\\*x\\\\*&lt;/b\\\\>'
    """
    line = " ".join(str(value).split())
    line = line.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", line)


def _town(stop: Stop, catalog: Catalog | None, lang: str) -> str:
    if catalog is None or stop.municipality_code not in catalog.municipalities:
        return stop.municipality_code
    town = catalog.municipalities[stop.municipality_code]
    return town.name_en if lang == "en" else town.name_ja


def _span(stop: Stop) -> str:
    if stop.depart > stop.start:
        return f"{stop.start:%H:%M}–{stop.depart:%H:%M}"
    return f"{stop.arrive:%H:%M}"


def _title(itinerary: Itinerary, lang: str) -> str:
    return f"{itinerary.area_id} {text('schedule', lang)}".strip()


def to_markdown(itinerary: Itinerary, *, lang: str = "ja", catalog: Catalog | None = None) -> str:
    """A day-by-day Markdown schedule (one table per day); every data text escaped."""
    heads = [text(k, lang) for k in ("time", "kind", "name", "town", "category")]
    lines = [f"# {md_escape(_title(itinerary, lang))}", ""]
    for day_no, day in enumerate(itinerary.days, start=1):
        summary = text("driving", lang, km=f"{day.km:.0f}", minutes=f"{day.driving_minutes:.0f}")
        lines += [
            f"## {md_escape(text('day', lang, n=day_no))} {day.date.isoformat()}",
            "",
            md_escape(summary),
            "",
            "| " + " | ".join(heads) + " |",
            "|" + "---|" * len(heads),
        ]
        for stop in day.stops:
            name = md_escape(stop.name(lang) or stop.name_ja)
            url = safe_url(stop.url)
            if url:
                quoted = url.replace("(", "%28").replace(")", "%29").replace("|", "%7C")
                name = f"[{name}]({quoted})"
            cells = [
                md_escape(_span(stop)),
                md_escape(text(stop.kind, lang)),
                name,
                md_escape(_town(stop, catalog, lang)),
                md_escape(category_label(stop.category, lang, catalog)),
            ]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)


def to_schedule_html(
    itinerary: Itinerary, *, lang: str = "ja", catalog: Catalog | None = None
) -> str:
    """A printable, self-contained HTML schedule (no scripts, no external resources)."""
    heads = [text(k, lang) for k in ("time", "kind", "name", "town", "category", "cost")]
    title = esc(_title(itinerary, lang))
    parts = [
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">',
        f"<title>{title}</title><style>{_PRINT_CSS}</style></head><body>",
        f"<h1>{title}</h1>",
    ]
    for day_no, day in enumerate(itinerary.days, start=1):
        summary = text("driving", lang, km=f"{day.km:.0f}", minutes=f"{day.driving_minutes:.0f}")
        parts.append(
            f"<h2>{esc(text('day', lang, n=day_no))} {esc(day.date.isoformat())}</h2>"
            f"<p>{esc(summary)}</p><table><thead><tr>"
            + "".join(f"<th>{esc(h)}</th>" for h in heads)
            + "</tr></thead><tbody>"
        )
        for stop in day.stops:
            name = esc(stop.name(lang) or stop.name_ja)
            url = safe_url(stop.url)
            if url:
                name = f'<a href="{esc(url)}" rel="noopener noreferrer">{name}</a>'
            cost = "" if stop.cost_jpy is None else text("yen", lang, n=f"{stop.cost_jpy:,}")
            cells = [
                esc(_span(stop)),
                esc(text(stop.kind, lang)),
                name,
                esc(_town(stop, catalog, lang)),
                esc(category_label(stop.category, lang, catalog)),
                esc(cost),
            ]
            parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
