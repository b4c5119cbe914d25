"""The planning request: what a council asks for, validated at construction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any

from .errors import ValidationError
from .styles import Style, get_style

__all__ = ["PlanRequest"]


def _time(value: str | dt.time, name: str) -> dt.time:
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{name} must be a time such as '09:00', got {value!r}") from None


@dataclass(frozen=True, kw_only=True)
class PlanRequest:
    """A request for a multi-day workation itinerary.

    Parameters
    ----------
    area
        An area id (``"nemuro"``) — or use ``towns`` for an explicit list.
    towns
        Municipality codes or names forming the area (instead of ``area``).
    start
        First day (a date or ``"YYYY-MM-DD"``).
    days
        Number of days, 1–14.
    day_start, day_end
        Daily window (default 09:00–19:00).
    style
        A style id (``kyuka``, ``bleisure``, ``satellite``, ``gasshuku``, ``kadai``,
        ``shisatsu``) or a :class:`~areatour.styles.Style`.
    party_size
        Number of people (default: the style's).
    interests
        Extra weight per category, multiplied into the style's weights.
    must_visit, exclude
        Asset ids that must / must not be visited.
    exclude_towns, required_towns
        Municipality codes to leave out / to visit at least once.
    start_at, end_at
        Gateway asset ids (default: the area's main gateway).
    max_driving_minutes
        Limit of driving per day.
    budget_jpy
        Budget per person for priced visits (unknown prices count as 0).
    min_towns, max_town_share
        Fairness across member towns (default min_towns: the style's).
    business_days
        For ``bleisure``: the dates of business days (default: the first weekday).
    business_at
        For ``bleisure``: the workspace asset id where business takes place.
    base_at
        Spend every night at (or near) this asset instead of choosing among the
        area's lodging, e.g. a gateway station whose town has hotels that the
        catalog does not list. ``None`` (default) chooses lodging from the catalog.

    Examples
    --------
    >>> r = PlanRequest(area="nemuro", start="2027-02-08", days=3, style="satellite")
    >>> r.dates[-1].isoformat(), r.style_preset.name_en
    ('2027-02-10', 'Satellite office')
    """

    area: str | None = None
    towns: tuple[str, ...] = ()
    start: dt.date
    days: int = 3
    day_start: dt.time = dt.time(9, 0)
    day_end: dt.time = dt.time(19, 0)
    style: str | Style = "kyuka"
    party_size: int | None = None
    interests: Mapping[str, float] = field(default_factory=dict)
    must_visit: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    exclude_towns: tuple[str, ...] = ()
    required_towns: tuple[str, ...] = ()
    start_at: str | None = None
    end_at: str | None = None
    max_driving_minutes: float | None = None
    budget_jpy: int | None = None
    min_towns: int | None = None
    max_town_share: float = 1.0
    business_days: tuple[dt.date, ...] = ()
    business_at: str | None = None
    base_at: str | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if isinstance(self.start, str):
            try:
                set_(self, "start", dt.date.fromisoformat(self.start))
            except ValueError:
                raise ValidationError(f"start must be YYYY-MM-DD, got {self.start!r}") from None
        if not isinstance(self.start, dt.date):
            raise ValidationError(f"start must be a date, got {self.start!r}")
        if (self.area is None) == (not self.towns):
            raise ValidationError("give exactly one of area= or towns=")
        if not isinstance(self.days, int) or not 1 <= self.days <= 14:
            raise ValidationError(f"days must be 1..14, got {self.days!r}")
        set_(self, "day_start", _time(self.day_start, "day_start"))
        set_(self, "day_end", _time(self.day_end, "day_end"))
        if self.day_end <= self.day_start:
            raise ValidationError("day_end must be after day_start")
        get_style(self.style)  # validates the id
        for name in ("towns", "must_visit", "exclude", "exclude_towns", "required_towns"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise ValidationError(f"{name} must be a list, not a string")
            set_(self, name, tuple(value))
        set_(
            self,
            "business_days",
            tuple(
                dt.date.fromisoformat(d) if isinstance(d, str) else d for d in self.business_days
            ),
        )
        outside = [d for d in self.business_days if d not in self.dates]
        if outside:
            raise ValidationError(f"business day {outside[0]} is not a day of the trip")
        if self.party_size is not None and self.party_size < 1:
            raise ValidationError("party_size must be >= 1")
        for cat, weight in self.interests.items():
            if not isinstance(weight, int | float) or weight < 0:
                raise ValidationError(f"interest weight for {cat!r} must be >= 0, got {weight!r}")
        set_(self, "interests", MappingProxyType(dict(self.interests)))
        if self.max_driving_minutes is not None and self.max_driving_minutes <= 0:
            raise ValidationError("max_driving_minutes must be > 0")
        if self.budget_jpy is not None and self.budget_jpy < 0:
            raise ValidationError("budget_jpy must be >= 0")
        if not 0 < self.max_town_share <= 1:
            raise ValidationError("max_town_share must be in (0, 1]")
        if self.min_towns is not None and self.min_towns < 0:
            raise ValidationError("min_towns must be >= 0")

    def __reduce__(self) -> tuple[Any, ...]:
        # MappingProxyType cannot be pickled; rebuild from plain values (process pools, Dask)
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["interests"] = dict(self.interests)
        return (_rebuild, (values,))

    @property
    def dates(self) -> tuple[dt.date, ...]:
        """The calendar dates of the trip."""
        return tuple(self.start + dt.timedelta(days=i) for i in range(self.days))

    @property
    def style_preset(self) -> Style:
        """The :class:`~areatour.styles.Style` this request uses."""
        return get_style(self.style)

    @property
    def effective_party_size(self) -> int:
        """``party_size`` or the style's default."""
        return self.party_size or self.style_preset.party_size

    @property
    def effective_min_towns(self) -> int:
        """``min_towns`` or the style's default."""
        return self.style_preset.min_towns if self.min_towns is None else self.min_towns

    def to_dict(self) -> dict[str, Any]:
        """A JSON-compatible dict; :meth:`from_dict` restores an equal request."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, Style):
                value = value.id
            elif isinstance(value, dt.date | dt.time):
                value = (
                    value.isoformat(timespec="minutes")
                    if isinstance(value, dt.time)
                    else value.isoformat()
                )
            elif isinstance(value, tuple):
                value = [v.isoformat() if isinstance(v, dt.date) else v for v in value]
            elif isinstance(value, Mapping):
                value = dict(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlanRequest:
        """Rebuild a request from :meth:`to_dict` output."""
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValidationError(f"unknown request fields: {', '.join(sorted(unknown))}")
        return cls(**dict(data))


def _rebuild(values: dict[str, Any]) -> PlanRequest:
    return PlanRequest(**values)
