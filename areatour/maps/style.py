"""Colours, marker shapes and interface words for maps and schedules.

The tables live in ``style.toml`` next to this module; this module only reads them.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..catalog import Catalog

__all__ = [
    "LANGS",
    "category_color",
    "category_label",
    "day_color",
    "kind_glyph",
    "kind_shape",
    "text",
]

#: languages the interface words exist in
LANGS = ("ja", "en")


@cache
def _style() -> dict[str, Any]:
    return tomllib.loads(files(__package__).joinpath("style.toml").read_text("utf-8"))


def category_color(category: str) -> str:
    """The marker colour of an asset category (a grey default for unknown ones)."""
    colors: dict[str, str] = _style()["category_colors"]
    return colors.get(category, colors["default"])


def day_color(day: int) -> str:
    """The route colour of day ``day`` (1-based); the palette repeats."""
    colors: list[str] = _style()["days"]["colors"]
    return colors[(day - 1) % len(colors)]


def kind_shape(kind: str) -> str:
    """The marker shape of a stop kind: ``circle``, ``rounded``, ``square`` or ``diamond``."""
    shapes: dict[str, str] = _style()["kind_shapes"]
    return shapes.get(kind, "circle")


def kind_glyph(kind: str) -> str | None:
    """The glyph shown instead of a visit number for this kind, or ``None``."""
    glyphs: dict[str, str] = _style()["kind_glyphs"]
    return glyphs.get(kind)


def text(key: str, lang: str = "ja", **values: object) -> str:
    """An interface word in ``lang`` with ``{placeholders}`` filled (plain text, unescaped).

    Examples
    --------
    >>> text("day", "en", n=2)
    'Day 2'
    >>> text("day", "ja", n=2)
    '2日目'
    """
    labels: dict[str, dict[str, str]] = _style()["labels"]
    table = labels.get(lang, labels["ja"])
    return table[key].format(**values) if values else table[key]


def category_label(category: str, lang: str = "ja", catalog: Catalog | None = None) -> str:
    """The display label of a category, from the catalog when given (else the id)."""
    if catalog is not None and category in catalog.categories:
        cat = catalog.categories[category]
        return cat.label_en if lang == "en" else cat.label_ja
    return category
