"""Importing the Digital Agency's open-data CSVs (自治体標準オープンデータセット).

Readers for 観光施設一覧 (:func:`read_tourism`), 公衆無線LANアクセスポイント一覧
(:func:`read_wifi`), イベント一覧 (:func:`read_event`) and 文化財一覧
(:func:`read_heritage`), in the old 推奨データセット layout, the new 自治体標準
layout and the base-registry event layout. Every row of a file ends up either
as an asset or as a :class:`SkippedRow` with its reason; see ``docs/opendata.md``.

Examples
--------
>>> from areatour.opendata import KINDS
>>> sorted(KINDS)
['event', 'heritage', 'tourism', 'wifi']
"""

from __future__ import annotations

from .classify import CategoryRule, Classification, classify, keyword_rules, load_mapping
from .columns import EDITIONS, FIELDS, detect_edition, detect_kind
from .importer import (
    DEFAULT_APPEAL,
    KINDS,
    read_event,
    read_heritage,
    read_opendata,
    read_tourism,
    read_wifi,
)
from .result import ImportResult, SkippedRow
from .romaji import romanize

__all__ = [
    "DEFAULT_APPEAL",
    "EDITIONS",
    "FIELDS",
    "KINDS",
    "CategoryRule",
    "Classification",
    "ImportResult",
    "SkippedRow",
    "classify",
    "detect_edition",
    "detect_kind",
    "keyword_rules",
    "load_mapping",
    "read_event",
    "read_heritage",
    "read_opendata",
    "read_tourism",
    "read_wifi",
    "romanize",
]
