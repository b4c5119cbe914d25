"""Frozen value types: municipalities, areas, asset categories and assets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .hours import OpeningHours

__all__ = ["Area", "Asset", "Category", "Municipality", "SeasonDefault"]


@dataclass(frozen=True)
class Municipality:
    """A Hokkaido city, town or village.

    Attributes
    ----------
    code
        5-digit JIS X 0402 code with its leading zero, e.g. ``"01428"``.
    lgcode
        6-digit 全国地方公共団体コード with check digit, e.g. ``"014281"``.
    name_ja, name_kana, name_en
        Names in Japanese, hiragana reading and Hepburn (``"Naganuma"``).
    kind
        ``"city"``, ``"town"`` or ``"village"``.
    subprefecture_ja, subprefecture_en
        The (総合)振興局, e.g. ``"空知総合振興局"`` / ``"Sorachi"``.
    county_ja
        The 郡 for towns and villages; empty for cities.
    lat, lon
        The seat (the city/town/village hall), WGS84.
    population, population_year
        Optional population figure and the year it refers to.

    Examples
    --------
    >>> from areatour import load_catalog
    >>> m = load_catalog().municipality("Rausu")
    >>> m.code, m.lgcode, m.kind, m.subprefecture_en
    ('01694', '016942', 'town', 'Nemuro')
    """

    code: str
    lgcode: str
    name_ja: str
    name_kana: str
    name_en: str
    kind: str
    subprefecture_ja: str
    subprefecture_en: str
    county_ja: str
    lat: float
    lon: float
    population: int | None = None
    population_year: int | None = None

    @property
    def point(self) -> tuple[float, float]:
        """The seat as ``(lat, lon)``."""
        return (self.lat, self.lon)


@dataclass(frozen=True)
class Area:
    """A group of municipalities that plans together.

    Attributes
    ----------
    id
        Identifier such as ``"minami-sorachi"`` or ``"sorachi"``.
    name_ja, name_en
        Display names.
    kind
        ``"council"`` (an area council's sub-area), ``"subprefecture"`` or ``"custom"``.
    members
        Member municipality codes, in a stable order.
    gateways
        Asset ids of gateways that serve the area; the first is the main one.
    source
        Where the membership comes from.

    Examples
    --------
    >>> from areatour import load_catalog
    >>> area = load_catalog().area("naka-sorachi")
    >>> len(area), "01436" in area  # 雨竜町 belongs to 中空知
    (10, True)
    """

    id: str
    name_ja: str
    name_en: str
    kind: str
    members: tuple[str, ...]
    gateways: tuple[str, ...] = ()
    source: str = ""

    def __contains__(self, code: object) -> bool:
        return code in self.members

    def __len__(self) -> int:
        return len(self.members)


@dataclass(frozen=True)
class Category:
    """An asset category such as ``onsen`` with labels and documented defaults.

    ``default_visit_minutes`` and ``default_hours`` are what the planner assumes
    for an asset of this category whose own visit length or hours are unknown.

    Examples
    --------
    >>> from areatour import load_catalog
    >>> onsen = load_catalog().categories["onsen"]
    >>> onsen.label("en"), onsen.default_visit_minutes
    ('Onsen & baths', 90)
    """

    id: str
    label_ja: str
    label_en: str
    default_visit_minutes: int
    default_hours: OpeningHours | None = None
    description: str = ""

    def label(self, lang: str = "ja") -> str:
        """The label in ``lang``."""
        return self.label_en if lang == "en" else self.label_ja


@dataclass(frozen=True)
class SeasonDefault:
    """The months the planner assumes for a subcategory when an asset's own are unknown.

    Read from ``data/subcategories.csv``: a ski area whose ``months`` cell is empty is
    planned as if open ``months`` (December–March), never in July. The asset's data stay
    as they are (``Asset.months`` remains ``None``).

    Examples
    --------
    >>> from areatour.hours import parse_months
    >>> SeasonDefault("ski_area", parse_months("12-3"), "core ski season").months == {12, 1, 2, 3}
    True
    """

    subcategory: str
    months: frozenset[int]
    description: str = ""


@dataclass(frozen=True)
class Asset:
    """A content asset: a place or service a visitor can use.

    Attributes
    ----------
    id
        Stable identifier ``<code>-<category>-<slug>``.
    name_ja, name_en
        Names.
    municipality_code
        The municipality the asset stands in.
    category, subcategory
        Category id (see ``data/categories.csv``) and a free subcategory.
    lat, lon
        WGS84 position of the building or entrance.
    visit_minutes
        Typical visit length; ``None`` means the category default.
    hours
        Opening hours, or ``None`` when unknown.
    months
        Months open, or ``None`` for all year.
    cost_jpy
        Price per adult in yen, or ``None`` when unknown.
    appeal
        1–5 (rubric in ``data/assets/SCHEMA.md``).
    tags
        Tags from ``data/tags.csv``.
    url, source
        The official page and where the facts come from.
    wifi, power, meeting_room, seats
        Workspace attributes (``None`` = unknown).
    rooms, capacity, has_workspace
        Lodging attributes (``None`` = unknown).
    serves
        For gateways: the area ids served.
    start_date, end_date
        For dated assets (events): the first and last day; ``None`` otherwise.
    notes
        Maintainer notes.

    Examples
    --------
    >>> import datetime as dt
    >>> from areatour import Asset, parse_hours
    >>> a = Asset("01428-onsen-x", "例の湯", "Example Spa", "01428", "onsen", 43.0, 141.7, 3,
    ...           "example", hours=parse_hours("Mo-Su 10:00-21:00; Tu off"), months=None)
    >>> a.is_available_on(dt.date(2027, 2, 8)), a.is_available_on(dt.date(2027, 2, 9))
    (True, False)
    """

    id: str
    name_ja: str
    name_en: str
    municipality_code: str
    category: str
    lat: float
    lon: float
    appeal: int
    source: str
    subcategory: str = ""
    visit_minutes: int | None = None
    hours: OpeningHours | None = None
    months: frozenset[int] | None = None
    cost_jpy: int | None = None
    tags: tuple[str, ...] = ()
    url: str = ""
    wifi: bool | None = None
    power: bool | None = None
    meeting_room: bool | None = None
    seats: int | None = None
    rooms: int | None = None
    capacity: int | None = None
    has_workspace: bool | None = None
    serves: tuple[str, ...] = ()
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    notes: str = field(default="", compare=True)

    @property
    def point(self) -> tuple[float, float]:
        """The position as ``(lat, lon)``."""
        return (self.lat, self.lon)

    def name(self, lang: str = "ja") -> str:
        """The name in ``lang`` (``"ja"`` or ``"en"``)."""
        return self.name_en if lang == "en" else self.name_ja

    def in_season(self, day: dt.date) -> bool:
        """Whether ``day`` lies in the asset's months and in its date range (if any)."""
        if self.months is not None and day.month not in self.months:
            return False
        if self.start_date is not None and day < self.start_date:
            return False
        return self.end_date is None or day <= self.end_date

    def is_available_on(self, day: dt.date) -> bool:
        """Whether the asset can be used on ``day``: in season, in its date range and open.

        Unknown hours count as open (the planner then uses its daytime default).
        """
        return self.in_season(day) and (self.hours is None or self.hours.is_open_on(day))
