"""Shareable folium maps of itineraries and areas.

folium is imported inside the functions, so importing this package is cheap.

Functions
---------
render_itinerary
    An itinerary: one layer per day with its route and numbered stops.
render_area
    An area for council planning: towns, assets by category, complementarity.
to_html
    A map as one HTML string; ``offline=True`` inlines every resource.
"""

from __future__ import annotations

from .area_map import complementarity_view, render_area
from .itinerary_map import day_route, render_itinerary
from .offline import external_references, has_offline_clustering, to_html

__all__ = [
    "complementarity_view",
    "day_route",
    "external_references",
    "has_offline_clustering",
    "render_area",
    "render_itinerary",
    "to_html",
]
