"""The offline map in a real headless Chromium with the network cut off.

A probe script is added to a copy of the page: it records every error event and
``console.error`` from the start, and after load writes what it found (Leaflet
loaded, markers, routes, popup texts, fetched resources) as JSON into the DOM,
which ``--dump-dom`` prints. Skipped only when chromium is missing outside CI.
"""

from __future__ import annotations

import html as htmllib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from areatour.maps import render_area, render_itinerary, to_html

pytestmark = pytest.mark.browser

_PROBE_HEAD = """<script>
window.__errors = [];
window.addEventListener('error', function (e) {
  var t = e.target || {};
  window.__errors.push(String(e.message || t.src || t.href || 'error event'));
}, true);
window.addEventListener('unhandledrejection', function (e) {
  window.__errors.push('unhandled rejection: ' + String(e.reason));
});
(function () {
  var original = console.error;
  console.error = function () {
    window.__errors.push(Array.prototype.join.call(arguments, ' '));
    return original.apply(console, arguments);
  };
})();
</script>"""

_PROBE_TAIL = """<script>
window.addEventListener('load', function () { setTimeout(function () {
  var parser = new DOMParser();
  function text(content) {
    if (typeof content !== 'string') { return content ? content.textContent : ''; }
    return parser.parseFromString(content, 'text/html').body.textContent;
  }
  var id = document.querySelector('.folium-map').id, map = window[id];
  var popups = [], tooltips = [], routes = 0;
  map.eachLayer(function (layer) {
    if (layer.getPopup && layer.getPopup()) { popups.push(text(layer.getPopup().getContent())); }
    if (layer.getTooltip && layer.getTooltip()) {
      tooltips.push(text(layer.getTooltip().getContent()));
    }
    if (layer instanceof L.Polyline && !(layer instanceof L.Polygon) &&
        layer.options.className === 'areatour-route') { routes += 1; }
  });
  var result = {
    leaflet: typeof L !== 'undefined',
    stops: document.querySelectorAll('.areatour-stop').length,
    routePaths: document.querySelectorAll('path.areatour-route').length,
    routes: routes,
    towns: document.querySelectorAll('.areatour-town').length,
    assets: document.querySelectorAll('.areatour-asset').length,
    clusters: document.querySelectorAll('.marker-cluster').length,
    legend: document.querySelectorAll('.areatour-legend').length,
    xss: typeof window.__xss,
    errors: window.__errors,
    images: Array.prototype.map.call(document.images, function (i) { return i.src; }),
    resources: performance.getEntriesByType('resource').map(function (r) { return r.name; }),
    popups: popups,
    tooltips: tooltips
  };
  var pre = document.createElement('pre');
  pre.id = 'areatour-probe';
  pre.textContent = JSON.stringify(result);
  document.body.appendChild(pre);
}, 300); });
</script>"""

_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    # no network: every request goes to a closed local port, every name fails
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    if os.environ.get("AREATOUR_CI"):
        pytest.fail("chromium is required in CI (AREATOUR_CI is set) but was not found")
    pytest.skip("chromium not installed (apt-get install chromium); runs always in CI")


def _run(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    cmd = [_chromium(), *_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)


def probe(page: str, tmp_path: Path) -> dict[str, Any]:
    """Load ``page`` (HTML text) in Chromium and return what the probe saw."""
    head = re.search(r"<head[^>]*>", page)
    assert head is not None
    probed = page[: head.end()] + _PROBE_HEAD + page[head.end() :]
    probed = probed.replace("</html>", _PROBE_TAIL + "</html>")
    path = tmp_path / "probed.html"
    path.write_text(probed, encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        done = _run(["--virtual-time-budget=5000", "--dump-dom", path.as_uri()], Path(profile))
    found = re.search(r'<pre id="areatour-probe">(.*?)</pre>', done.stdout, re.S)
    assert found, f"probe did not report; chromium said:\n{done.stderr[-3000:]}"
    result: dict[str, Any] = json.loads(htmllib.unescape(found.group(1)))
    return result


def screenshot(page: str, target: Path, tmp_path: Path) -> Path:
    """Save a 1200x800 PNG of ``page``."""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        _run(["--virtual-time-budget=5000", "--window-size=1200,800",
              f"--screenshot={target}", path.as_uri()], Path(profile))  # fmt: skip
    return target


def test_offline_itinerary_map_in_chromium(itinerary, catalog, tmp_path):
    page = to_html(render_itinerary(itinerary, catalog=catalog, offline=True), offline=True)
    result = probe(page, tmp_path)
    assert result["leaflet"] is True
    assert result["errors"] == []
    assert result["stops"] == len(itinerary.stops)
    assert result["routes"] == len(itinerary.days) == result["routePaths"]
    assert result["towns"] == len(itinerary.members)
    assert result["legend"] == 1
    assert result["images"] == []  # DivIcons only, no marker PNGs
    assert result["resources"] == []  # nothing fetched at all
    assert len(result["popups"]) == len(itinerary.stops)
    assert any(itinerary.stops[1].name_ja in p for p in result["popups"])


def test_screenshot(catalog, itinerary, tmp_path):
    """A PNG of a planned trip (the hand-built one without the planner) for the docs.

    Saved to ``$AREATOUR_SCREENSHOT`` (default: a temporary folder); set
    ``AREATOUR_SCREENSHOT_LANG=en`` for English labels.
    """
    trip = itinerary
    try:
        from areatour.planner import plan
        from areatour.request import PlanRequest
    except ImportError:
        pass
    else:
        request = PlanRequest(area="nemuro", start="2027-02-08", days=3, style="satellite")
        trip = plan(request, catalog=catalog, time_limit=2.0, max_iterations=300, seed=1)
    lang = os.environ.get("AREATOUR_SCREENSHOT_LANG", "ja")
    page = to_html(render_itinerary(trip, catalog=catalog, offline=True, lang=lang), offline=True)
    shot = Path(os.environ.get("AREATOUR_SCREENSHOT") or tmp_path / "screenshot.png")
    screenshot(page, shot, tmp_path)
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_payloads_do_not_execute(xss_itinerary, xss_catalog, payloads, tmp_path):
    xss_name, xss_name_en, _ = payloads
    page = to_html(render_itinerary(xss_itinerary, catalog=xss_catalog, offline=True),
                   offline=True)  # fmt: skip
    result = probe(page, tmp_path)
    assert result["xss"] == "undefined"
    assert result["errors"] == []
    assert result["images"] == []
    # the hostile names come back as the exact text, braces and all
    assert any(xss_name in p for p in result["popups"])
    assert any(xss_name_en in p for p in result["popups"])
    assert any(xss_name in t for t in result["tooltips"])


def test_offline_area_map_in_chromium(xss_catalog, tmp_path):
    page = to_html(render_area(xss_catalog, "nemuro", offline=True, cluster=False), offline=True)
    result = probe(page, tmp_path)
    assert result["leaflet"] is True
    assert result["errors"] == []
    assert result["xss"] == "undefined"
    assert result["assets"] == len(xss_catalog.area_assets("nemuro"))
    assert result["resources"] == []


def test_offline_clustered_area_map_in_chromium(catalog, tmp_path):
    from areatour.maps import has_offline_clustering

    if not has_offline_clustering():
        pytest.skip("xstatic-leaflet-markercluster not installed: offline maps do not cluster")
    page = to_html(render_area(catalog, "naka-sorachi", offline=True, cluster=True), offline=True)
    result = probe(page, tmp_path)
    assert result["errors"] == []
    assert result["clusters"] > 0
    assert result["resources"] == []
