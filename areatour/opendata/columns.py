"""Finding the columns of 推奨データセット and 自治体標準オープンデータセット files by name.

Headers are compared after NFKC (so ``料金（基本）`` and ``料金(基本)`` are the same),
ignoring case and blanks. Each field has the names used by the old edition
(推奨データセット), the new one (自治体標準オープンデータセット) and the Digital
Agency's base-registry event catalogue; the first name present wins.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["EDITIONS", "FIELDS", "Columns", "detect_edition", "detect_kind"]

#: field -> accepted column names, best first
FIELDS: dict[str, tuple[str, ...]] = {
    "code": (
        "都道府県コード又は市区町村コード",
        "全国地方公共団体コード",
        "市区町村コード",
        "地方公共団体コード",
    ),
    "location_code": ("所在地_全国地方公共団体コード",),
    "key": ("ID", "NO"),
    "prefecture": ("都道府県名", "所在地_都道府県", "住所都道府県"),
    "town": ("市区町村名", "所在地_市区町村", "住所市区町村", "地方公共団体名"),
    "name": ("名称", "イベント名", "施設名称"),
    "name_kana": ("名称_カナ", "名称(カナ)", "イベント名_カナ", "施設名称_カナ"),
    "name_en": (
        "名称_英語",
        "名称_英字",
        "名称(英字)",
        "名称(英語)",
        "イベント名_英語",
        "施設名称_英字",
    ),
    "alias": ("名称_通称", "名称(通称)"),
    "address": ("住所", "所在地_連結表記", "所在地_連結標記"),
    "lat": ("緯度",),
    "lon": ("経度",),
    "days": ("利用可能曜日",),
    "start_time": ("開始時間", "開始時刻"),
    "end_time": ("終了時間", "終了時刻"),
    "time_note": ("利用可能日時特記事項", "開始日時特記事項", "日時備考"),
    "start_date": ("開始日",),
    "end_date": ("終了日",),
    "fee": ("料金(基本)",),
    "fee_detail": ("料金(詳細)",),
    "description": ("説明", "概要"),
    "url": ("URL",),
    "credit": ("出典",),
    "venue": ("場所名称",),
    "ssid": ("SSID",),
    "installer": ("設置者",),
    "coverage": ("提供エリア",),
    "designation": ("文化財分類",),
    "heritage_type": ("種類",),
}

#: edition labels used in :attr:`ImportResult.edition`
EDITIONS = {
    "old": "推奨データセット",
    "new": "自治体標準オープンデータセット",
    "registry": "ベース・レジストリ イベント",
    "other": "columns matched by name",
}


def _key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def detect_edition(header: Sequence[str]) -> str:
    """Which edition a header belongs to: a key of :data:`EDITIONS`.

    Examples
    --------
    >>> detect_edition(["都道府県コード又は市区町村コード", "NO", "都道府県名", "市区町村名"])
    'old'
    >>> detect_edition(["全国地方公共団体コード", "ID", "地方公共団体名", "名称"])
    'new'
    """
    keys = [_key(h) for h in header]
    if not keys:
        return "other"
    if keys[0] == _key("全国地方公共団体コード") or {"id", "地方公共団体名"} <= set(keys):
        return "new"
    if keys[0] == "no" and _key("都道府県コード又は市区町村コード") in keys:
        return "registry"
    codes = {_key("都道府県コード又は市区町村コード"), _key("市区町村コード")}
    if codes & set(keys) and "no" in keys:
        return "old"
    return "other"


#: kind -> columns that only that dataset has
_KIND_MARKERS: dict[str, tuple[str, ...]] = {
    "wifi": ("SSID", "提供エリア"),
    "heritage": ("文化財分類", "文化財指定日"),
    "event": ("開始日", "イベント名"),
    "tourism": ("POIコード", "利用可能曜日"),
}


def detect_kind(header: Sequence[str]) -> str | None:
    """The dataset a header belongs to, from columns only it has; ``None`` when unclear.

    文化財一覧 also has 利用可能曜日, so the tourism markers count only when no
    other dataset's marker is present.

    Examples
    --------
    >>> detect_kind(["名称", "緯度", "経度", "SSID"]), detect_kind(["名称", "緯度", "経度"])
    ('wifi', None)
    """
    keys = {_key(h) for h in header}
    found = [k for k, names in _KIND_MARKERS.items() if any(_key(n) in keys for n in names)]
    if len(found) > 1 and "tourism" in found:
        found.remove("tourism")
    return found[0] if len(found) == 1 else None


@dataclass(frozen=True)
class Columns:
    """The column that holds each field in one file (``None`` when absent)."""

    found: Mapping[str, str | None]

    @classmethod
    def match(cls, header: Sequence[str]) -> Columns:
        """Match a (normalised) header against :data:`FIELDS`."""
        by_key = {_key(h): h for h in header}
        found: dict[str, str | None] = {}
        for field, names in FIELDS.items():
            found[field] = next((by_key[_key(n)] for n in names if _key(n) in by_key), None)
        return cls(found)

    def get(self, row: Mapping[str, str], field: str) -> str:
        """The stripped text of ``field`` in ``row`` (``""`` when the column is absent)."""
        column = self.found.get(field)
        return (row.get(column) or "").strip() if column else ""

    def name(self, field: str) -> str:
        """The file's column name for ``field`` (or the field's first known name)."""
        return self.found.get(field) or FIELDS[field][0]

    def has(self, field: str) -> bool:
        """Whether the file has a column for ``field``."""
        return self.found.get(field) is not None
