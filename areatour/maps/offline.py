"""Turn a folium map into one HTML string, optionally with every resource inlined.

Offline files are meant for PCs without internet access (LGWAN terminals):
Leaflet's JS/CSS come from the ``xstatic-leaflet`` package and the marker-cluster
plugin from ``xstatic-leaflet-markercluster`` when it is installed; folium's
CDN links (jQuery, Bootstrap, awesome-markers, Font Awesome) are dropped, which
areatour's maps do not need.
"""

from __future__ import annotations

import base64
import importlib
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ValidationError

if TYPE_CHECKING:
    import folium

__all__ = ["external_references", "has_offline_clustering", "to_html"]

_EXTERNAL_TAG = re.compile(
    r"<(script|link)\b[^>]*?\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//[^>]*>(?:\s*</script>)?",
    re.IGNORECASE,
)
#: resource references that would make a browser fetch something
_RESOURCE_PATTERNS = (
    re.compile(
        r"<(?:script|img|iframe|link|source|video|audio|embed)\b[^>]*?\b"
        r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//",
        re.IGNORECASE,
    ),
    re.compile(r"url\(\s*[\"']?(?:https?:)?//", re.IGNORECASE),
    re.compile(r"@import\s+[\"']?(?:url\()?\s*[\"']?(?:https?:)?//", re.IGNORECASE),
    re.compile(r"L\.tileLayer(?:\.wms)?\(\s*[\"'](?:https?:)?//", re.IGNORECASE),
)


def _xstatic_dir(module: str) -> Path | None:
    try:
        pkg = importlib.import_module(module)
    except ImportError:
        return None
    return Path(pkg.BASE_DIR)


def _script(code: str) -> str:
    # a literal "</script" inside inlined code would end the element early
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE) + "</script>"


def _data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


@cache
def _leaflet_assets() -> tuple[str, str]:
    base = _xstatic_dir("xstatic.pkg.leaflet")
    if base is None:
        raise ValidationError(
            "offline maps need the 'xstatic-leaflet' package (pip install xstatic-leaflet)"
        )
    css = (base / "leaflet.css").read_text("utf-8")
    images = base / "images"
    for name in ("layers.png", "layers-2x.png"):
        css = css.replace(f"url(images/{name})", f"url({_data_uri(images / name)})")
    # markers are DivIcons: Leaflet's default marker image must never be fetched
    css = re.sub(r"url\(images/marker-[^)]*\)", "none", css)
    js = (base / "leaflet.js").read_text("utf-8")
    js += (
        "\n;L.Marker.prototype.options.icon = L.divIcon({className: 'areatour-icon', html: ''});\n"
    )
    return js, css


@cache
def _cluster_assets() -> tuple[str, str] | None:
    base = _xstatic_dir("xstatic.pkg.leaflet_markercluster")
    if base is None:
        return None
    js = (base / "leaflet.markercluster.js").read_text("utf-8")
    js = re.sub(r"//# sourceMappingURL=\S+", "", js)
    css = (base / "MarkerCluster.css").read_text("utf-8")
    css += "\n" + (base / "MarkerCluster.Default.css").read_text("utf-8")
    return js, css


def has_offline_clustering() -> bool:
    """Whether the marker-cluster plugin can be inlined (``xstatic-leaflet-markercluster``)."""
    return _cluster_assets() is not None


def external_references(html: str) -> list[str]:
    """Snippets of ``html`` that would make a browser fetch something from the network.

    Links a reader may click (``<a href>`` in popups) are not resources and are not
    reported; neither is text inside popups, which areatour stores as escaped JSON.
    """
    found = []
    for pattern in _RESOURCE_PATTERNS:
        for match in pattern.finditer(html):
            found.append(html[match.start() : match.start() + 120])
    return found


def _inline(html: str) -> str:
    html = _EXTERNAL_TAG.sub("", html)
    js, css = _leaflet_assets()
    parts = [f"<style>{css}</style>", _script(js)]
    if "L.markerClusterGroup(" in html:
        cluster = _cluster_assets()
        if cluster is None:
            raise ValidationError(
                "this map clusters markers, which offline needs 'xstatic-leaflet-markercluster' "
                "for; install it or render with offline=True so that no clusters are used"
            )
        parts += [f"<style>{cluster[1]}</style>", _script(cluster[0])]
    head = re.search(r"<head[^>]*>", html, re.IGNORECASE)
    if head is None:
        raise ValidationError("the rendered map has no <head> element")
    at = head.end()
    # after <meta charset> so that the encoding is declared first
    meta = re.compile(r"\s*<meta http-equiv=\"content-type\"[^>]*>", re.IGNORECASE).match(html, at)
    if meta is not None:
        at = meta.end()
    return html[:at] + "\n" + "\n".join(parts) + "\n" + html[at:]


def to_html(m: folium.Map, *, offline: bool = False) -> str:
    """The map as one self-contained HTML document (a string; nothing is written).

    Parameters
    ----------
    m
        A map from :func:`render_itinerary` or :func:`render_area` (or any folium map).
    offline
        Inline Leaflet (and marker-cluster) JS/CSS and drop every CDN link, so the
        file works without any network. The map must have been drawn with
        ``offline=True`` (no tile layer).

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    ValidationError
        When ``offline`` and the page would still fetch something (a tile layer, a
        plugin without a packaged copy); the message quotes the reference.

    Examples
    --------
    >>> import folium
    >>> page = to_html(folium.Map(tiles=None), offline=True)
    >>> external_references(page)
    []
    """
    html: str = m.get_root().render()
    if not offline:
        return html
    html = _inline(html)
    leftovers = external_references(html)
    if leftovers:
        raise ValidationError(
            "offline HTML would still load from the network: "
            + "; ".join(repr(s) for s in leftovers[:3])
            + " (draw the map with offline=True and without online-only plugins)"
        )
    return html
