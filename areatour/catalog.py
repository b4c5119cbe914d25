"""The catalog: municipalities, areas, categories and assets, with look-ups."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from .errors import AreatourError, DataError, DataIssue
from .loader import CatalogData, read_catalog_folder
from .model import Area, Asset, Category, Municipality, SeasonDefault
from .tables import normalize_code

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["Catalog", "UnknownNameError", "load_catalog"]


class UnknownNameError(AreatourError, KeyError):
    """A look-up by id, code or name found nothing; the message lists valid choices.

    Examples
    --------
    >>> try:
    ...     load_catalog().municipality("Atlantis")
    ... except KeyError as exc:  # also a KeyError
    ...     print(exc)
    unknown municipality 'Atlantis'
    """

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else ""


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


class Catalog:
    """Municipalities, areas, asset categories and assets, validated and read-only.

    Build one with :func:`load_catalog`. Mappings are read-only views; methods
    that change a catalog return a new one.

    Examples
    --------
    >>> cat = load_catalog()
    >>> len(cat.municipalities)
    179
    >>> cat.municipality("Naganuma").name_ja
    '長沼町'
    >>> len(cat.area("minami-sorachi").members)
    9
    """

    def __init__(self, data: CatalogData, *, source: str = "") -> None:
        self._data = data
        self.source = source
        self.municipalities: Mapping[str, Municipality] = MappingProxyType(data.municipalities)
        self.areas: Mapping[str, Area] = MappingProxyType(data.areas)
        self.categories: Mapping[str, Category] = MappingProxyType(data.categories)
        self.assets: Mapping[str, Asset] = MappingProxyType(data.assets)
        self.tags: frozenset[str] = data.tags
        #: assumed months per subcategory when an asset's own are unknown
        self.seasons: Mapping[str, SeasonDefault] = MappingProxyType(data.seasons)
        self._by_name: dict[str, str] = {}
        for m in data.municipalities.values():
            for name in (m.name_ja, m.name_en, m.name_kana, m.code, m.lgcode):
                if name:
                    self._by_name.setdefault(_key(name), m.code)
        self._by_town: dict[str, list[Asset]] = {}
        for asset in data.assets.values():
            self._by_town.setdefault(asset.municipality_code, []).append(asset)

    def __repr__(self) -> str:
        return (
            f"<Catalog: {len(self.municipalities)} municipalities, {len(self.areas)} areas, "
            f"{len(self.assets)} assets>"
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalog):
            return NotImplemented
        return (
            dict(self.municipalities) == dict(other.municipalities)
            and dict(self.areas) == dict(other.areas)
            and dict(self.categories) == dict(other.categories)
            and dict(self.assets) == dict(other.assets)
            and self.tags == other.tags
            and dict(self.seasons) == dict(other.seasons)
        )

    __hash__ = None  # type: ignore[assignment]

    # ------------------------------------------------------------------ look-ups
    def municipality(self, key: str) -> Municipality:
        """A municipality by 5- or 6-digit code, or by Japanese, kana or English name.

        Raises
        ------
        UnknownNameError
            When nothing matches; the message suggests close names.
        """
        try:
            code = normalize_code(key)
            if code in self.municipalities:
                return self.municipalities[code]
        except ValueError:
            pass
        k = _key(key)
        for candidate in (k, k + "市", k + "町", k + "村"):
            if candidate in self._by_name:
                return self.municipalities[self._by_name[candidate]]
        close = [
            m.name_en for m in self.municipalities.values() if _key(m.name_en).startswith(k[:3])
        ][:8]
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise UnknownNameError(f"unknown municipality {key!r}{hint}")

    def area(self, area: str | Area) -> Area:
        """An area by id (``"minami-sorachi"``), Japanese or English name, or an :class:`Area`.

        Raises
        ------
        UnknownNameError
            When the id is unknown; the message lists the valid ids.
        """
        if isinstance(area, Area):
            return area
        if area in self.areas:
            return self.areas[area]
        k = _key(area)
        for candidate in self.areas.values():
            if k in (_key(candidate.id), _key(candidate.name_ja), _key(candidate.name_en)):
                return candidate
        raise UnknownNameError(f"unknown area {area!r}; valid ids: {', '.join(sorted(self.areas))}")

    def custom_area(
        self, members: Iterable[str], *, id: str = "custom", name_ja: str = "", name_en: str = ""
    ) -> Area:
        """Define an area from municipality codes or names without editing any file.

        Examples
        --------
        >>> cat = load_catalog()
        >>> cat.custom_area(["長沼町", "Kuriyama", "01427"]).members
        ('01428', '01429', '01427')
        """
        codes = tuple(dict.fromkeys(self.municipality(m).code for m in members))
        if not codes:
            raise DataError(DataIssue("custom area", None, "members", "", "no members given"))
        return Area(id, name_ja or id, name_en or id, "custom", codes)

    def assets_in(self, code: str, *, category: str | None = None) -> tuple[Asset, ...]:
        """Assets in one municipality (by code or name), optionally of one category."""
        town = self.municipality(code).code
        found = self._by_town.get(town, [])
        self._check_category(category)
        return tuple(a for a in found if category is None or a.category == category)

    def area_assets(self, area: str | Area, *, category: str | None = None) -> tuple[Asset, ...]:
        """Assets in the member towns of an area (gateways outside it not included)."""
        members = self.area(area).members
        return tuple(a for code in members for a in self.assets_in(code, category=category))

    def gateways(self, area: str | Area) -> tuple[Asset, ...]:
        """Gateways serving an area: those listed for it, those whose ``serves`` names it,
        and gateways inside its towns. The area's main gateway comes first."""
        area = self.area(area)
        ids = list(area.gateways)
        for asset in self.assets.values():
            if asset.category != "gateway":
                continue
            if area.id in asset.serves or asset.municipality_code in area.members:
                ids.append(asset.id)
        return tuple(self.assets[i] for i in dict.fromkeys(ids))

    def asset(self, asset_id: str) -> Asset:
        """An asset by id.

        Raises
        ------
        UnknownNameError
            When the id is unknown.
        """
        try:
            return self.assets[asset_id]
        except KeyError:
            close = [a for a in self.assets if asset_id.split("-")[-1] in a][:8]
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UnknownNameError(f"unknown asset {asset_id!r}{hint}") from None

    def season(self, asset: Asset) -> frozenset[int] | None:
        """The months ``asset`` is planned in: its own, else its subcategory's default.

        ``None`` means all year. Defaults come from ``subcategories.csv`` (e.g. a ski area
        with unknown months is assumed open December–March).

        Examples
        --------
        >>> from areatour import load_catalog
        >>> cat = load_catalog()
        >>> sorted(cat.season(cat.asset("01210-activity-haginoyama-ski")))
        [1, 2, 3, 12]
        """
        if asset.months is not None:
            return asset.months
        default = self.seasons.get(asset.subcategory)
        return None if default is None else default.months

    def in_season(self, asset: Asset, day: dt.date) -> bool:
        """Whether ``day`` is in :meth:`season` and in the asset's date range (if any)."""
        months = self.season(asset)
        if months is not None and day.month not in months:
            return False
        return asset.in_season(day)  # its own months (if any) and date range

    def is_available_on(self, asset: Asset, day: dt.date) -> bool:
        """Whether ``asset`` can be used on ``day``: in season (see :meth:`in_season`) and
        open. Unknown hours count as open."""
        return self.in_season(asset, day) and (asset.hours is None or asset.hours.is_open_on(day))

    def _check_category(self, category: str | None) -> None:
        if category is not None and category not in self.categories:
            raise UnknownNameError(
                f"unknown category {category!r}; valid: {', '.join(self.categories)}"
            )

    # -------------------------------------------------------------- derived views
    def municipalities_gdf(self, area: str | Area | None = None) -> gpd.GeoDataFrame:
        """Municipality seats as a GeoDataFrame of Points (EPSG:4326).

        Columns: ``code, lgcode, name_ja, name_kana, name_en, kind, subprefecture,
        subprefecture_ja, county_ja, lat, lon, geometry``.
        """
        import geopandas as gpd
        import pandas as pd

        codes = self.area(area).members if area is not None else sorted(self.municipalities)
        rows = [self.municipalities[c] for c in codes]
        frame = pd.DataFrame(
            {
                "code": [m.code for m in rows],
                "lgcode": [m.lgcode for m in rows],
                "name_ja": [m.name_ja for m in rows],
                "name_kana": [m.name_kana for m in rows],
                "name_en": [m.name_en for m in rows],
                "kind": [m.kind for m in rows],
                "subprefecture": [m.subprefecture_en for m in rows],
                "subprefecture_ja": [m.subprefecture_ja for m in rows],
                "county_ja": [m.county_ja for m in rows],
                "lat": [m.lat for m in rows],
                "lon": [m.lon for m in rows],
            }
        )
        return gpd.GeoDataFrame(
            frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326"
        )

    def assets_gdf(
        self, area: str | Area | None = None, category: str | None = None
    ) -> gpd.GeoDataFrame:
        """Assets as a GeoDataFrame of Points (EPSG:4326), optionally filtered.

        Columns: ``id, name_ja, name_en, municipality_code, category, subcategory,
        visit_minutes, hours, months, cost_jpy, appeal, tags, url, source, lat, lon,
        geometry``.
        """
        import geopandas as gpd

        from .writer import asset_records

        self._check_category(category)
        if area is None:
            assets: Sequence[Asset] = [
                a for a in self.assets.values() if category is None or a.category == category
            ]
        else:
            assets = self.area_assets(area, category=category)
        frame = asset_records(assets)
        return gpd.GeoDataFrame(
            frame,
            geometry=gpd.points_from_xy(frame["lon"].astype(float), frame["lat"].astype(float)),
            crs="EPSG:4326",
        )

    def with_assets(self, assets: Iterable[Asset], *, replace: bool = False) -> Catalog:
        """A new catalog with ``assets`` added.

        Raises
        ------
        DataError
            When an id already exists (unless ``replace=True``) or an asset names an
            unknown municipality or category.
        """
        merged = dict(self._data.assets)
        issues: list[DataIssue] = []
        for asset in assets:
            if asset.id in merged and not replace:
                issues.append(
                    DataIssue(
                        "with_assets",
                        None,
                        "id",
                        asset.id,
                        "asset id already in the catalog (pass replace=True)",
                    )
                )
            if asset.municipality_code not in self.municipalities:
                issues.append(
                    DataIssue(
                        "with_assets",
                        None,
                        "municipality_code",
                        asset.municipality_code,
                        "unknown municipality",
                    )
                )
            if asset.category not in self.categories:
                issues.append(
                    DataIssue("with_assets", None, "category", asset.category, "unknown category")
                )
            merged[asset.id] = asset
        if issues:
            raise DataError(issues)
        data = CatalogData(
            dict(self._data.municipalities),
            dict(self._data.areas),
            dict(self._data.categories),
            self._data.tags,
            merged,
            dict(self._data.seasons),
        )
        return Catalog(data, source=self.source)


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Load the embedded Hokkaido catalog, or a user's catalog folder.

    Parameters
    ----------
    path
        ``None`` for the embedded data; a folder with the same layout as the
        embedded ``data/`` (``municipalities/``, ``assets/*.csv``, optional
        ``categories.csv`` and ``tags.csv``).

    Raises
    ------
    DataError
        With every problem in every file, each naming file, row, column and value.

    Examples
    --------
    >>> cat = load_catalog()
    >>> cat.area("nemuro").name_ja
    '根室'
    """
    if path is not None and Path(path).suffix.lower() == ".gpkg":
        from .gpkg import read_gpkg

        return Catalog(read_gpkg(path), source=str(path))
    data = read_catalog_folder(path)
    return Catalog(data, source="embedded" if path is None else str(path))
