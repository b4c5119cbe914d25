"""Workation styles: the Japan Tourism Agency's workation types as presets.

The presets live in ``data/styles.toml`` (documented there, in Japanese and
English). A style sets the daily required blocks (work, sessions, team
activities), category weights and defaults. Users define their own with
:class:`Style` or :func:`load_styles` on a TOML file of the same shape.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

from .errors import ValidationError
from .resources import data_dir

__all__ = ["BlockSpec", "Style", "get_style", "load_styles"]

_DAYS = ("weekdays", "all", "business")


@dataclass(frozen=True)
class BlockSpec:
    """A block the style requires on some days.

    Attributes
    ----------
    label
        Shown in the schedule; blocks labelled ``"work"`` count as work hours.
    category
        The asset category that can serve the block.
    minutes
        Minimum length of the stay.
    days
        ``"weekdays"`` (Monday to Friday except public holidays), ``"all"`` or
        ``"business"`` (the request's business days).
    require
        An asset attribute that must be true, e.g. ``"meeting_room"``.
    optional
        When true, the planner drops the block where it cannot be met instead of failing.

    Examples
    --------
    >>> spec = BlockSpec(label="work", category="workspace", minutes=360)
    >>> spec.days, spec.optional
    ('weekdays', False)
    """

    label: str
    category: str
    minutes: float
    days: str = "weekdays"
    require: str = ""
    optional: bool = False

    def __post_init__(self) -> None:
        if self.days not in _DAYS:
            raise ValidationError(f"block {self.label!r}: days must be one of {_DAYS}")
        if not 0 < self.minutes <= 24 * 60:
            raise ValidationError(f"block {self.label!r}: minutes must be in (0, 1440]")


@dataclass(frozen=True)
class Style:
    """A workation style preset.

    Examples
    --------
    >>> s = get_style("satellite")
    >>> s.name_ja, s.blocks[0].minutes
    ('サテライトオフィス型', 360.0)
    """

    id: str
    name_ja: str
    name_en: str
    description_ja: str = ""
    description_en: str = ""
    blocks: tuple[BlockSpec, ...] = ()
    weights: Mapping[str, float] = field(default_factory=dict)
    party_size: int = 1
    min_towns: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", MappingProxyType(dict(self.weights)))
        if any(w < 0 for w in self.weights.values()):
            raise ValidationError(f"style {self.id!r}: weights must be >= 0")

    def __reduce__(self) -> tuple[Any, ...]:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["weights"] = dict(self.weights)
        return (_rebuild_style, (values,))

    def name(self, lang: str = "ja") -> str:
        """The style's name in ``lang``."""
        return self.name_en if lang == "en" else self.name_ja


def _rebuild_style(values: dict[str, Any]) -> Style:
    return Style(**values)


def load_styles(path: str | Path | None = None) -> Mapping[str, Style]:
    """Read style presets from a TOML file (default: the embedded ``styles.toml``).

    Raises
    ------
    ValidationError
        When a preset is malformed; the message names the style and field.

    Examples
    --------
    >>> sorted(load_styles())
    ['bleisure', 'gasshuku', 'kadai', 'kyuka', 'satellite', 'shisatsu']
    """
    path = Path(path) if path is not None else data_dir() / "styles.toml"
    try:
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError(f"cannot read styles from {path}: {exc}") from None
    styles: dict[str, Style] = {}
    for sid, spec in raw.items():
        try:
            blocks = tuple(
                BlockSpec(**{**b, "minutes": float(b["minutes"])}) for b in spec.get("blocks", ())
            )
            fields = {k: v for k, v in spec.items() if k != "blocks"}
            styles[sid] = Style(id=sid, blocks=blocks, **fields)
        except (TypeError, KeyError) as exc:
            raise ValidationError(f"{path}: style {sid!r} is malformed: {exc}") from None
    return MappingProxyType(styles)


def get_style(style: str | Style) -> Style:
    """A preset by id, or the given :class:`Style` unchanged.

    Raises
    ------
    ValidationError
        For an unknown id; the message lists the valid ones.

    Examples
    --------
    >>> get_style("kadai").blocks[1].category
    'local_business'
    >>> get_style("holiday")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    ValidationError: unknown style 'holiday'; valid: ...
    """
    if isinstance(style, Style):
        return style
    styles = load_styles()
    if style not in styles:
        raise ValidationError(f"unknown style {style!r}; valid: {', '.join(styles)}")
    return styles[style]
