"""Small folium elements that never inject unescaped text and need no jQuery.

folium's own ``Popup`` and ``Tooltip`` put their HTML into a JavaScript template
literal (and ``Popup`` wraps it in jQuery), so text containing ``${...}`` or
``</script>`` escapes into the page's script. These elements take HTML that the
caller has already built from escaped parts and hand it to Leaflet as a JSON
string literal in which ``<``, ``>``, ``&`` and ``'`` are ``\\uXXXX`` escapes.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

__all__ = ["Bindings", "HtmlOverlay", "MarkerBatch", "js_literal"]


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def js_literal(value: Any) -> str:
    """``value`` as a JavaScript literal that is safe inside ``<script>``.

    ``< > & '`` become ``\\uXXXX`` escapes so no string can close the script or
    open a comment, and braces inside strings too: branca compiles each rendered
    element as a jinja template once more, so ``{{ ... }}`` in data would run.

    Examples
    --------
    >>> print(js_literal("</script>{{ 7*7 }}"))
    "\\u003c/script\\u003e\\u007b\\u007b 7*7 \\u007d\\u007d"
    """
    text = (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return _JSON_STRING.sub(
        lambda m: m.group(0).replace("{", "\\u007b").replace("}", "\\u007d"), text
    )


def _macro_element() -> Any:
    from branca.element import MacroElement

    return MacroElement


@cache
def _template(source: str) -> Any:
    # compiling a jinja template costs ~1 ms; maps hold hundreds of these elements
    from jinja2 import Template

    return Template(source)


_BINDINGS = (
    "{% macro script(this, kwargs) %}"
    "{% if this.popup %}{{ this._parent.get_name() }}.bindPopup({{ this.popup }}, "
    "{maxWidth: {{ this.max_width }}});{% endif %}\n"
    "{% if this.tooltip %}{{ this._parent.get_name() }}.bindTooltip({{ this.tooltip }}, "
    "{sticky: true});{% endif %}\n"
    "{% endmacro %}"
)
_BATCH = (
    "{% macro script(this, kwargs) %}"
    "(function (group, data) {\n"
    "  data.forEach(function (d) {\n"
    "    var half = d.size / 2;\n"
    "    var icon = L.divIcon({html: d.icon, className: 'areatour-icon',\n"
    "                          iconSize: [d.size, d.size], iconAnchor: [half, half]});\n"
    "    var marker = L.marker([d.lat, d.lon], {icon: icon, title: ''});\n"
    "    if (d.popup) { marker.bindPopup(d.popup, {maxWidth: 320}); }\n"
    "    if (d.tooltip) { marker.bindTooltip(d.tooltip, {sticky: true}); }\n"
    "    marker.addTo(group);\n"
    "  });\n"
    "})({{ this._parent.get_name() }}, {{ this.data }});\n"
    "{% endmacro %}"
)
_OVERLAY = (
    "{% macro header(this, kwargs) %}{% if this.css %}<style>{{ this.css }}</style>"
    "{% endif %}{% endmacro %}"
    "{% macro html(this, kwargs) %}{{ this.markup }}{% endmacro %}"
)


def Bindings(
    popup_html: str | None = None,
    tooltip_html: str | None = None,
    *,
    max_width: int = 320,
) -> Any:
    """An element that binds a popup and/or tooltip to its parent layer.

    Parameters
    ----------
    popup_html, tooltip_html
        HTML already built from escaped text (see :mod:`areatour.maps.popups`).
    max_width
        The popup's maximum width in pixels.

    Returns
    -------
    branca.element.MacroElement
        Add it to a marker, path or GeoJson layer.
    """
    element = _macro_element()()
    element._name = "Bindings"
    element._template = _template(_BINDINGS)
    element.popup = js_literal(popup_html) if popup_html else ""
    element.tooltip = js_literal(tooltip_html) if tooltip_html else ""
    element.max_width = int(max_width)
    return element


def HtmlOverlay(html: str, *, css: str = "") -> Any:
    """An element that adds static HTML (a legend) and CSS to the page.

    Parameters
    ----------
    html
        Markup built from escaped text; placed in the page body.
    css
        Style rules placed in the page head.
    """
    element = _macro_element()()
    element._name = "HtmlOverlay"
    element._template = _template(_OVERLAY)
    element.markup = html
    element.css = css
    return element


def MarkerBatch(markers: list[dict[str, Any]]) -> Any:
    """An element that adds many DivIcon markers to its parent layer in one script.

    One element per layer instead of three per marker (marker, icon, bindings)
    keeps rendering fast: branca compiles every rendered element as a template.

    Parameters
    ----------
    markers
        Dicts with ``lat``, ``lon``, ``icon`` (escaped HTML), ``size`` (pixels) and
        optional ``popup`` and ``tooltip`` (escaped HTML).
    """
    element = _macro_element()()
    element._name = "MarkerBatch"
    element._template = _template(_BATCH)
    keys = ("lat", "lon", "icon", "size", "popup", "tooltip")
    element.data = js_literal([{k: d.get(k, "") for k in keys} for d in markers])
    return element
