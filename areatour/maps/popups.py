"""HTML for popups, tooltips and legend rows, built only from escaped text.

Every string that comes from data or user input goes through :func:`esc`; links
are kept only when they are ``http(s)`` URLs.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .style import category_color, category_label, text

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..itinerary import Stop
    from ..model import Asset, Municipality

__all__ = ["asset_popup", "esc", "safe_url", "stop_popup", "stop_tooltip", "town_tooltip"]


def esc(value: object) -> str:
    """``value`` as HTML text: ``& < > " '`` escaped, and ``$ { } ` `` as character references.

    The last four are harmless in HTML but must never reach a JS template literal
    or a jinja template (branca re-compiles rendered elements).

    Examples
    --------
    >>> esc('<script>alert("x")</script>')
    '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
    """
    escaped = html.escape(str(value), quote=True)
    # harmless in HTML, but never let text look like a JS template placeholder
    return (
        escaped.replace("$", "&#36;")
        .replace("`", "&#96;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


def safe_url(url: str) -> str | None:
    """The URL if it is an absolute ``http``/``https`` URL without spaces, else ``None``."""
    url = url.strip()
    lower = url.lower()
    if not (lower.startswith("http://") or lower.startswith("https://")):
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    return url


def _link(url: str, lang: str) -> str:
    good = safe_url(url)
    if good is None:
        return ""
    return (
        f'<a href="{esc(good)}" target="_blank" rel="noopener noreferrer">'
        f"{esc(text('link', lang))}</a>"
    )


def _names(name_ja: str, name_en: str, lang: str) -> str:
    first, second = (name_en, name_ja) if lang == "en" else (name_ja, name_en)
    out = f"<b>{esc(first or second)}</b>"
    if second and second != first and first:
        out += f"<br><span style='color:#555'>{esc(second)}</span>"
    return out


def _swatch(color: str) -> str:
    return (
        f"<span style='display:inline-block;width:10px;height:10px;border-radius:50%;"
        f"background:{esc(color)};margin-right:4px'></span>"
    )


def stop_popup(
    stop: Stop, *, day: int, number: int | None, lang: str = "ja", catalog: Catalog | None = None
) -> str:
    """The popup of a stop: time, names, category, kind, stay, cost and link."""
    rows = []
    head = text("day", lang, n=day) + (f" #{number}" if number is not None else "")
    rows.append(
        f"<div style='color:#666;font-size:90%'>{esc(head)} · {esc(text(stop.kind, lang))}"
        + (f" ({esc(stop.label)})" if stop.kind == "work" and stop.label else "")
        + "</div>"
    )
    rows.append(_names(stop.name_ja, stop.name_en, lang))
    rows.append(
        _swatch(category_color(stop.category)) + esc(category_label(stop.category, lang, catalog))
    )
    if stop.kind in ("visit", "work", "lodging") and stop.depart > stop.start:
        span = f"{stop.start:%H:%M}–{stop.depart:%H:%M}"
        rows.append(
            f"{esc(text('time', lang))}: {esc(span)} "
            f"({esc(text('minutes', lang, n=round(stop.minutes)))})"
        )
    else:
        rows.append(f"{esc(text('time', lang))}: {esc(f'{stop.arrive:%H:%M}')}")
    if stop.start > stop.arrive:
        rows.append(f"{esc(text('arrive', lang))}: {esc(f'{stop.arrive:%H:%M}')}")
    if stop.cost_jpy is not None:
        rows.append(f"{esc(text('cost', lang))}: {esc(text('yen', lang, n=f'{stop.cost_jpy:,}'))}")
    link = _link(stop.url, lang)
    if link:
        rows.append(link)
    return "<div class='areatour-popup'>" + "<br>".join(rows) + "</div>"


def stop_tooltip(stop: Stop, *, number: int | None, lang: str = "ja") -> str:
    """A one-line tooltip: number, time and name."""
    prefix = f"{number}. " if number is not None else ""
    return esc(f"{prefix}{stop.start:%H:%M} {stop.name(lang) or stop.name_ja}")


def asset_popup(
    asset: Asset,
    *,
    town: Municipality | None = None,
    lang: str = "ja",
    catalog: Catalog | None = None,
) -> str:
    """The popup of a catalog asset: names, town, category, stay, cost, notes and link."""
    rows = [_names(asset.name_ja, asset.name_en, lang)]
    if town is not None:
        rows.append(esc(town.name_en if lang == "en" else town.name_ja))
    rows.append(
        _swatch(category_color(asset.category)) + esc(category_label(asset.category, lang, catalog))
    )
    if asset.visit_minutes:
        rows.append(
            f"{esc(text('duration', lang))}: {esc(text('minutes', lang, n=asset.visit_minutes))}"
        )
    if asset.cost_jpy is not None:
        rows.append(f"{esc(text('cost', lang))}: {esc(text('yen', lang, n=f'{asset.cost_jpy:,}'))}")
    if asset.notes:
        note = asset.notes if len(asset.notes) <= 240 else asset.notes[:239] + "…"
        rows.append(f"<span style='font-size:90%;color:#444'>{esc(note)}</span>")
    link = _link(asset.url, lang)
    if link:
        rows.append(link)
    return "<div class='areatour-popup'>" + "<br>".join(rows) + "</div>"


def town_tooltip(town: Municipality, lang: str = "ja") -> str:
    """The town's name in ``lang`` (with the other language after it)."""
    return _names(town.name_ja, town.name_en, lang)
