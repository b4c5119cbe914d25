"""Text from data never becomes markup or script in the rendered HTML."""

from __future__ import annotations

import dataclasses

import pytest

from areatour.maps import render_area, render_itinerary, to_html
from areatour.maps.elements import js_literal
from areatour.maps.popups import esc, safe_url

RAW = (
    "<script>window.__xss",
    "<script>alert(1)",
    "<img src=x",
    'onerror="window',
    "javascript:alert",
    "${window",
    "${alert",
    "{{ 7*7 }}",
)


def _maps(xss_itinerary, xss_catalog):
    for offline in (False, True):
        m = render_itinerary(xss_itinerary, catalog=xss_catalog, offline=offline)
        yield to_html(m, offline=offline)
        yield to_html(render_area(xss_catalog, "nemuro", offline=offline), offline=offline)


def test_payloads_appear_only_escaped(xss_itinerary, xss_catalog):
    for html in _maps(xss_itinerary, xss_catalog):
        for raw in RAW:
            assert raw not in html, raw
        assert "\\u0026lt;script\\u0026gt;window.__xss = 1\\u0026lt;/script\\u0026gt;" in html
        assert "\\u0026lt;img src=x onerror=" in html


def test_templates_in_data_are_not_evaluated(xss_itinerary, xss_catalog):
    html = to_html(render_itinerary(xss_itinerary, catalog=xss_catalog), offline=False)
    assert "\\u0026#123;\\u0026#123; 7*7 \\u0026#125;\\u0026#125;" in html


def test_hostile_category_is_escaped_in_legend_and_icons(itinerary, catalog):
    evil = "<b onmouseover=alert(1)>x</b>"
    day = itinerary.days[0]
    stops = tuple(dataclasses.replace(s, category=evil) for s in day.stops)
    it = dataclasses.replace(itinerary, days=(dataclasses.replace(day, stops=stops),))
    html = to_html(render_itinerary(it, catalog=catalog), offline=False)
    assert evil not in html
    assert "&lt;b onmouseover=alert(1)&gt;x&lt;/b&gt;" in html  # the legend (plain HTML)


def test_unsafe_links_are_dropped(xss_catalog):
    html = to_html(render_area(xss_catalog, "nemuro"), offline=False)
    assert "javascript:" not in html


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.com/a?b=1&c=2", True),
        ("http://example.com", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("https://exa mple.com", False),
        ("//example.com", False),
        ("", False),
    ],
)
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) is ok


def test_esc_and_js_literal():
    assert esc("<a href='x'>${y}{{z}}`</a>") == (
        "&lt;a href=&#x27;x&#x27;&gt;&#36;&#123;y&#125;&#123;&#123;z&#125;&#125;&#96;&lt;/a&gt;"
    )
    literal = js_literal("</script><!-- {{x}}")
    assert "<" not in literal and "{" not in literal and ">" not in literal
