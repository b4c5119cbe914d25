"""Hand-built itineraries over real nemuro assets (the planner is not needed)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence

import pytest

import areatour
from areatour.itinerary import DayPlan, Itinerary, Leg, Stop

XSS_NAME = "<script>window.__xss = 1</script>{{ 7*7 }}"
XSS_NAME_EN = '"><img src=x onerror="window.__xss=2">${window.__xss=3}'
XSS_NOTE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>`${alert(1)}`'

#: (asset id, kind, minutes of stay, work label) per day, in visiting order
DAYS: tuple[tuple[tuple[str, str, int, str], ...], ...] = (
    (
        ("01692-gateway-nakashibetsu-airport", "gateway", 0, ""),
        ("01692-sight-kaiyodai", "visit", 60, ""),
        ("01692-workspace-nakashibetsu-library", "work", 240, "work"),
        ("01693-onsen-kawakita", "visit", 90, ""),
        ("01694-lodging-rausu-onsen-campsite", "lodging", 0, ""),
    ),
    (
        ("01694-lodging-rausu-onsen-campsite", "lodging", 0, ""),
        ("01694-gourmet-michinoeki-shiretoko-rausu", "visit", 60, ""),
        ("01694-sight-kunashiri-observatory", "visit", 45, ""),
        ("01693-local_business-shibetsu-town-office", "work", 120, "session"),
        ("01691-nature-notsuke-peninsula", "visit", 60, ""),
        ("01694-lodging-rausu-onsen-campsite", "lodging", 0, ""),
    ),
    (
        ("01694-lodging-rausu-onsen-campsite", "lodging", 0, ""),
        ("01223-sight-nosappu-lighthouse", "visit", 60, ""),
        ("01223-gourmet-michinoeki-swan44", "visit", 60, ""),
        ("01223-gateway-nemuro-station", "gateway", 0, ""),
    ),
)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    dy = (a[0] - b[0]) * 111.0
    dx = (a[1] - b[1]) * 111.0 * math.cos(math.radians(a[0]))
    return math.hypot(dx, dy)


def build_itinerary(
    catalog: areatour.Catalog,
    days: Sequence[Sequence[tuple[str, str, int, str]]] = DAYS,
    *,
    start: dt.date = dt.date(2027, 2, 8),
    renames: Mapping[str, tuple[str, str]] | None = None,
    path_on_first_leg: bool = True,
) -> Itinerary:
    """An itinerary visiting ``days`` in order at 50 km/h from 09:00 each day."""
    renames = renames or {}
    plans = []
    for i, day in enumerate(days):
        date = start + dt.timedelta(days=i)
        clock = dt.datetime.combine(date, dt.time(9, 0))
        stops: list[Stop] = []
        legs: list[Leg] = []
        for j, (asset_id, kind, minutes, label) in enumerate(day):
            asset = catalog.asset(asset_id)
            if stops:
                prev = stops[-1]
                km = _km((prev.lat, prev.lon), asset.point)
                travel = round(km / 50 * 60, 1)
                arrive = clock + dt.timedelta(minutes=travel)
                path: tuple[tuple[float, float], ...] = ()
                if path_on_first_leg and j == 1:
                    mid = ((prev.lat + asset.lat) / 2 + 0.02, (prev.lon + asset.lon) / 2)
                    path = ((prev.lat, prev.lon), mid, asset.point)
                legs.append(Leg(prev.asset_id, asset.id, travel, round(km, 2), clock, arrive, path))
                clock = arrive
            name_ja, name_en = renames.get(asset_id, (asset.name_ja, asset.name_en))
            depart = clock + dt.timedelta(minutes=minutes)
            stops.append(
                Stop(
                    asset_id=asset.id,
                    name_ja=name_ja,
                    name_en=name_en,
                    municipality_code=asset.municipality_code,
                    category=asset.category,
                    kind=kind,
                    lat=asset.lat,
                    lon=asset.lon,
                    arrive=clock,
                    start=clock,
                    depart=depart,
                    score=float(asset.appeal if kind == "visit" else 0),
                    label=label,
                    cost_jpy=500 if j == 1 else asset.cost_jpy,
                    url=asset.url or "https://example.com/page?a=1&b=2",
                )
            )
            clock = depart
        lodging = day[-1][0] if day[-1][1] == "lodging" else None
        plans.append(DayPlan(date, tuple(stops), tuple(legs), lodging))
    area = catalog.area("nemuro")
    return Itinerary(
        request={"area": "nemuro", "days": len(days)},
        days=tuple(plans),
        score=sum(s.score for p in plans for s in p.stops),
        area_id="nemuro",
        members=area.members,
        seed=0,
    )


@pytest.fixture(scope="session")
def itinerary(catalog: areatour.Catalog) -> Itinerary:
    return build_itinerary(catalog)


@pytest.fixture(scope="session")
def xss_itinerary(catalog: areatour.Catalog) -> Itinerary:
    """The same trip with hostile names on two stops."""
    renames = {
        "01692-sight-kaiyodai": (XSS_NAME, XSS_NAME_EN),
        "01223-sight-nosappu-lighthouse": (XSS_NOTE, XSS_NAME),
    }
    return build_itinerary(catalog, renames=renames)


@pytest.fixture(scope="session")
def xss_catalog(catalog: areatour.Catalog) -> areatour.Catalog:
    """The catalog with hostile names and notes on two nemuro assets."""
    from dataclasses import replace

    changed = [
        replace(
            catalog.asset("01692-sight-kaiyodai"),
            name_ja=XSS_NAME,
            name_en=XSS_NAME_EN,
            notes=XSS_NOTE,
        ),
        replace(
            catalog.asset("01223-sight-nosappu-lighthouse"),
            name_ja=XSS_NOTE,
            notes=XSS_NAME,
            url="javascript:alert(1)",
        ),
    ]
    return catalog.with_assets(changed, replace=True)


@pytest.fixture(scope="session")
def payloads() -> tuple[str, str, str]:
    """The hostile texts used by ``xss_itinerary`` and ``xss_catalog``."""
    return XSS_NAME, XSS_NAME_EN, XSS_NOTE
