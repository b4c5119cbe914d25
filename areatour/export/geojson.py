"""An itinerary as one GeoJSON FeatureCollection of stops and legs, and back to frames."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ValidationError

if TYPE_CHECKING:
    import geopandas as gpd

    from ..itinerary import Itinerary

__all__ = ["read_geojson", "to_geojson"]

_TIMES = ("arrive", "start", "depart")


def to_geojson(itinerary: Itinerary) -> dict[str, Any]:
    """Stops (Points) and legs (LineStrings) as a GeoJSON FeatureCollection (a dict).

    Every feature has ``feature`` (``"stop"`` or ``"leg"``), ``day`` (1-based),
    ``date`` and ``order``; stops carry the :class:`~areatour.itinerary.Stop`
    fields and ``minutes``, legs ``from``, ``to``, ``minutes``, ``km``, ``depart``
    and ``arrive``. Times are ISO 8601 local (Asia/Tokyo) times. A leg's geometry
    follows its road path when known, else the straight segment.

    Examples
    --------
    >>> fc = to_geojson(itinerary)  # doctest: +SKIP
    >>> fc["features"][0]["properties"]["feature"]  # doctest: +SKIP
    'stop'
    """
    features: list[dict[str, Any]] = []
    for day_no, day in enumerate(itinerary.days, start=1):
        common = {"day": day_no, "date": day.date.isoformat()}
        where = {}
        for order, s in enumerate(day.stops):
            where[s.asset_id] = [s.lon, s.lat]
            props = {
                "feature": "stop",
                **common,
                "order": order,
                "kind": s.kind,
                "asset_id": s.asset_id,
                "name_ja": s.name_ja,
                "name_en": s.name_en,
                "municipality_code": s.municipality_code,
                "category": s.category,
                "label": s.label,
                **{k: getattr(s, k).isoformat() for k in _TIMES},
                "minutes": s.minutes,
                "score": s.score,
                "cost_jpy": s.cost_jpy,
                "url": s.url,
            }
            geometry = {"type": "Point", "coordinates": [s.lon, s.lat]}
            features.append({"type": "Feature", "geometry": geometry, "properties": props})
        for order, leg in enumerate(day.legs):
            coords = [[lon, lat] for lat, lon in leg.path] or [where[leg.from_id], where[leg.to_id]]
            if len(coords) == 1:
                coords = coords * 2
            props = {
                "feature": "leg",
                **common,
                "order": order,
                "from": leg.from_id,
                "to": leg.to_id,
                "minutes": leg.minutes,
                "km": leg.km,
                "depart": leg.depart.isoformat(),
                "arrive": leg.arrive.isoformat(),
            }
            geometry = {"type": "LineString", "coordinates": coords}
            features.append({"type": "Feature", "geometry": geometry, "properties": props})
    return {
        "type": "FeatureCollection",
        "properties": {
            "area_id": itinerary.area_id,
            "members": list(itinerary.members),
            "score": itinerary.score,
            "seed": itinerary.seed,
        },
        "features": features,
    }


def read_geojson(
    source: str | Path | Mapping[str, Any],
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Read :func:`to_geojson` output back into ``(stops, legs)`` GeoDataFrames.

    Parameters
    ----------
    source
        A path to a ``.geojson`` file, GeoJSON text, or the dict itself.

    Returns
    -------
    tuple of geopandas.GeoDataFrame
        Stops and legs (EPSG:4326) with the columns of
        :meth:`~areatour.itinerary.Itinerary.stops_gdf` and
        :meth:`~areatour.itinerary.Itinerary.legs_gdf`; times as datetimes,
        ``date`` as :class:`datetime.date`.

    Raises
    ------
    ValidationError
        When the input is not an areatour itinerary FeatureCollection.
    """
    import geopandas as gpd
    import pandas as pd

    if isinstance(source, Mapping):
        data: Any = source
    else:
        text = str(source)
        if not text.lstrip().startswith("{"):
            text = Path(source).read_text("utf-8")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(f"not GeoJSON: {exc}") from None
    if not isinstance(data, Mapping) or data.get("type") != "FeatureCollection":
        raise ValidationError("not a GeoJSON FeatureCollection")
    features = list(data.get("features", []))
    if any("feature" not in (f.get("properties") or {}) for f in features):
        raise ValidationError("not an areatour itinerary: features lack the 'feature' property")
    frames = []
    for kind, times in (("stop", _TIMES), ("leg", ("depart", "arrive"))):
        chosen = [f for f in features if f["properties"]["feature"] == kind]
        frame = gpd.GeoDataFrame.from_features(chosen, crs="EPSG:4326")
        if frame.empty:
            frames.append(frame)
            continue
        frame = frame.drop(columns="feature")
        for col in times:
            frame[col] = pd.to_datetime(frame[col])
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
        frames.append(frame)
    return frames[0], frames[1]
