"""to_html(offline=True): one file, Leaflet inlined, no CDN, no tiles, no marker images."""

from __future__ import annotations

import re

import pytest

from areatour.errors import ValidationError
from areatour.maps import (
    external_references,
    has_offline_clustering,
    render_area,
    render_itinerary,
    to_html,
)


@pytest.fixture(scope="module")
def offline_html(itinerary, catalog) -> str:
    return to_html(render_itinerary(itinerary, catalog=catalog, offline=True), offline=True)


def test_online_html_uses_cdn_and_tiles(itinerary, catalog):
    html = to_html(render_itinerary(itinerary, catalog=catalog), offline=False)
    assert re.search(r'<script src="https://[^"]*leaflet', html)
    assert "tile.openstreetmap.org" in html


def test_offline_html_has_no_external_resources(offline_html):
    assert external_references(offline_html) == []
    assert not re.search(r"<script[^>]*\bsrc=", offline_html)
    assert not re.search(r"<link[^>]*\bhref=", offline_html)
    assert "L.tileLayer" not in offline_html
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "jquery"):
        assert cdn not in offline_html.lower()


def test_offline_html_inlines_leaflet(offline_html):
    assert "Leaflet 1.9" in offline_html  # the banner of the inlined leaflet.js
    assert ".leaflet-container" in offline_html  # and its CSS
    assert offline_html.index("Leaflet 1.9") < offline_html.index("L.map(")


def test_offline_html_never_references_marker_images(offline_html):
    assert "url(images/" not in offline_html
    assert not re.search(r"<img[^>]*marker-icon", offline_html)
    assert "L.Marker.prototype.options.icon = L.divIcon" in offline_html


def test_offline_area_map_inlines_marker_cluster_when_packaged(catalog):
    html = to_html(render_area(catalog, "naka-sorachi", offline=True, cluster=True), offline=True)
    assert external_references(html) == []
    if has_offline_clustering():
        assert "L.markerClusterGroup(" in html
        assert "MarkerClusterGroup" in html.split("L.map(")[0]  # plugin code before the map
    else:
        assert "L.markerClusterGroup(" not in html


def test_offline_rejects_a_map_with_tiles(itinerary, catalog):
    m = render_itinerary(itinerary, catalog=catalog, tiles="OpenStreetMap")
    with pytest.raises(ValidationError, match="network"):
        to_html(m, offline=True)


def test_external_references_spots_resources_not_links():
    page = (
        '<a href="https://example.com">x</a>'
        '<img src="https://example.com/x.png">'
        "<style>div { background: url(//cdn.example/x.png) }</style>"
    )
    found = external_references(page)
    assert len(found) == 2
    assert all("<a " not in f for f in found)


def test_offline_size_is_reasonable(offline_html):
    assert len(offline_html.encode()) < 3_000_000


def test_offline_without_the_cluster_package_does_not_cluster(catalog, monkeypatch):
    from areatour.maps import offline

    monkeypatch.setattr(offline, "_cluster_assets", lambda: None)
    assert not has_offline_clustering()
    m = render_area(catalog, "naka-sorachi", offline=True, cluster=True)
    html = to_html(m, offline=True)
    assert "L.markerClusterGroup(" not in html
    assert external_references(html) == []
    clustered = render_area(catalog, "naka-sorachi", offline=False, cluster=True)
    with pytest.raises(ValidationError, match="markercluster"):
        to_html(clustered, offline=True)
