"""Choosing an asset category for a row of 観光施設一覧.

A row's category comes from the first of:

1. the user's mapping rules, in order (:func:`load_mapping`);
2. the built-in keyword table ``keywords.csv`` (shipped with this package),
   in order — searched in 名称 first, then the kind columns (種別, 種類, 分類,
   カテゴリー), then 説明/概要; the first rule whose keyword occurs in the first
   field that has any match wins;
3. ``sight``.

The table is ordered so that the more specific place wins: a 道の駅 with a
restaurant is ``gourmet``, a 温泉ホテル is ``lodging``, a 博物館 café is ``sight``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import DataError, DataIssue
from ..tables import Table, read_table

__all__ = [
    "DEFAULT_CATEGORY",
    "CategoryRule",
    "Classification",
    "check_rules",
    "classify",
    "keyword_rules",
    "load_mapping",
    "mapping_rules",
]

DEFAULT_CATEGORY = "sight"


@dataclass(frozen=True)
class CategoryRule:
    """A keyword that sets category, subcategory and tags.

    Attributes
    ----------
    keyword
        Text that must occur (after NFKC) in the field.
    category
        The category given to a matching row.
    subcategory
        The subcategory given, or ``""``.
    tags
        Tags added.
    column
        The (normalised) column to search; ``None`` searches 名称, then the kind
        columns, then 説明/概要.
    """

    keyword: str
    category: str
    subcategory: str = ""
    tags: tuple[str, ...] = ()
    column: str | None = None

    def __post_init__(self) -> None:
        if not self.keyword.strip():
            raise ValueError("a category rule needs a keyword")


@dataclass(frozen=True)
class Classification:
    """The category chosen for a row and why."""

    category: str
    subcategory: str
    tags: tuple[str, ...]
    reason: str


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def _split(value: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in value.split(";") if t.strip())


def _rules_from_table(table: Table, issues: list[DataIssue]) -> tuple[CategoryRule, ...]:
    rules: list[CategoryRule] = []
    for i, row in enumerate(table.rows, start=1):
        keyword = _norm(row.get("keyword", ""))
        category = row.get("category", "").strip()
        if not keyword:
            issues.append(table.issue(i, "keyword", keyword, "required value is empty"))
            continue
        if not category:
            issues.append(table.issue(i, "category", category, "required value is empty"))
            continue
        column = _norm(row.get("column", "")) or None
        rules.append(
            CategoryRule(
                keyword,
                category,
                row.get("subcategory", "").strip(),
                _split(row.get("tags", "")),
                column,
            )
        )
    return tuple(rules)


def keyword_rules() -> tuple[CategoryRule, ...]:
    """The built-in keyword table, in priority order."""
    path = Path(str(resources.files("areatour.opendata") / "keywords.csv"))
    issues: list[DataIssue] = []
    rules = _rules_from_table(read_table(path, required=("keyword", "category")), issues)
    if issues:  # pragma: no cover - the shipped table is tested
        raise DataError(issues)
    return rules


def load_mapping(path: str | Path) -> tuple[CategoryRule, ...]:
    """Read a mapping file: CSV with ``keyword,category`` and optional
    ``column,subcategory,tags`` (tags ``;``-separated).

    Raises
    ------
    DataError
        When the file cannot be read or a row lacks its keyword or category.
    """
    issues: list[DataIssue] = []
    table = read_table(path, required=("keyword", "category"))
    rules = _rules_from_table(table, issues)
    if issues:
        raise DataError(issues)
    return rules


def mapping_rules(
    mapping: Mapping[str, str] | Sequence[CategoryRule] | str | Path | None,
) -> tuple[CategoryRule, ...]:
    """Rules from a ``{keyword: category}`` dict, a sequence of rules or a mapping file."""
    if mapping is None:
        return ()
    if isinstance(mapping, str | Path):
        return load_mapping(mapping)
    if isinstance(mapping, Mapping):
        return tuple(CategoryRule(_norm(k), v) for k, v in mapping.items())
    return tuple(mapping)


def check_rules(
    rules: Sequence[CategoryRule], categories: Mapping[str, object], tags: frozenset[str], name: str
) -> None:
    """Raise :class:`DataError` naming every rule with an unknown category or tag."""
    issues: list[DataIssue] = []
    for i, rule in enumerate(rules, start=1):
        if rule.category not in categories:
            issues.append(
                DataIssue(
                    name,
                    i,
                    "category",
                    rule.category,
                    f"unknown category (known: {', '.join(categories)})",
                )
            )
        issues.extend(
            DataIssue(name, i, "tags", tag, "unknown tag (see tags.csv)")
            for tag in rule.tags
            if tag not in tags
        )
    if issues:
        raise DataError(issues)


#: column groups searched in order when a rule names no column
NAME_COLUMNS = ("名称", "イベント名", "施設名称")
KIND_COLUMNS = ("種別", "種類", "分類", "カテゴリー", "カテゴリ", "イベント種類")
TEXT_COLUMNS = ("説明", "概要")


def _fields(row: Mapping[str, str]) -> list[tuple[str, str]]:
    groups = (NAME_COLUMNS, KIND_COLUMNS, TEXT_COLUMNS)
    found: list[tuple[str, str]] = []
    for group in groups:
        text = " ".join(_norm(row[c]) for c in group if row.get(c, "").strip())
        if text:
            found.append(("/".join(c for c in group if row.get(c, "").strip()), text))
    return found


def _match(
    rules: Sequence[CategoryRule], row: Mapping[str, str], fields: list[tuple[str, str]]
) -> tuple[CategoryRule, str] | None:
    for rule in rules:  # rules naming a column are checked in their own order first
        if rule.column is not None and rule.keyword in _norm(row.get(rule.column, "")):
            return rule, rule.column
    for where, text in fields:
        for rule in rules:
            if rule.column is None and rule.keyword in text:
                return rule, where
    return None


def classify(
    row: Mapping[str, str],
    rules: Sequence[CategoryRule],
    *,
    keywords: Sequence[CategoryRule] = (),
    default: str = DEFAULT_CATEGORY,
) -> Classification:
    """Pick category, subcategory and tags for a row.

    Parameters
    ----------
    row
        The row (normalised column name → text).
    rules
        The user's mapping rules, tried first.
    keywords
        The keyword table (:func:`keyword_rules`), tried next.
    default
        The category when nothing matches.

    Examples
    --------
    >>> classify({"名称": "テスト温泉ホテル"}, (), keywords=keyword_rules()).category
    'lodging'
    >>> row = {"名称": "テスト施設", "説明": "牧場で乳しぼり"}
    >>> classify(row, (), keywords=keyword_rules()).tags
    ('farm',)
    """
    fields = _fields(row)
    for source, label in ((rules, "mapping"), (keywords, "keyword")):
        hit = _match(source, row, fields)
        if hit is not None:
            rule, where = hit
            tags = list(rule.tags)
            # other keywords in the name add their tags (温泉ホテル: hotel and onsen)
            name = " ".join(_norm(row.get(c, "")) for c in NAME_COLUMNS)
            for other in keywords:
                if other.keyword in name and other.column is None:
                    tags.extend(t for t in other.tags if t not in tags)
            return Classification(
                rule.category,
                rule.subcategory,
                tuple(tags),
                f"{label} {rule.keyword!r} in {where}",
            )
    return Classification(default, "", (), "no keyword matched")
