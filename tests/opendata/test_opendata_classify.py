from pathlib import Path

import pytest

from areatour.opendata import CategoryRule, classify, keyword_rules, load_mapping

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.mark.parametrize(
    ("row", "category"),
    [
        ({"名称": "テスト温泉"}, "onsen"),
        ({"名称": "テスト公園"}, "nature"),
        ({"名称": "テスト湖"}, "nature"),
        ({"名称": "テスト岬"}, "nature"),
        ({"名称": "テスト博物館"}, "sight"),
        ({"名称": "テスト資料館"}, "sight"),
        ({"名称": "テスト美術館"}, "sight"),
        ({"名称": "テスト食堂"}, "gourmet"),
        ({"名称": "テストレストラン"}, "gourmet"),
        ({"名称": "テストカフェ"}, "gourmet"),
        ({"名称": "道の駅テスト"}, "gourmet"),
        ({"名称": "テストホテル"}, "lodging"),
        ({"名称": "テスト旅館"}, "lodging"),
        ({"名称": "テストキャンプ場"}, "lodging"),
        ({"名称": "テストコワーキング"}, "workspace"),
        ({"名称": "テスト図書館"}, "workspace"),
        ({"名称": "テスト体験工房"}, "activity"),
        ({"名称": "テストスキー場"}, "activity"),
        ({"名称": "テスト牧場"}, "activity"),
        ({"名称": "テスト施設"}, "sight"),
        # the name decides before the description
        ({"名称": "テスト記念館", "説明": "カフェを併設"}, "sight"),
        ({"名称": "テスト施設", "種別": "温泉", "説明": "カフェを併設"}, "onsen"),
        ({"名称": "テスト施設", "説明": "カフェを併設"}, "gourmet"),
        # more specific places first
        ({"名称": "テスト温泉ホテル"}, "lodging"),
        ({"名称": "道の駅テスト公園"}, "gourmet"),
    ],
)
def test_keyword_heuristic(row, category):
    assert classify(row, (), keywords=keyword_rules()).category == category


def test_keyword_table_uses_known_categories_and_tags(embedded):
    for rule in keyword_rules():
        assert rule.category in embedded.categories, rule
        assert set(rule.tags) <= embedded.tags, rule


def test_name_keywords_add_tags():
    result = classify({"名称": "テスト温泉ホテル"}, (), keywords=keyword_rules())
    assert result.tags == ("hotel", "onsen")
    assert result.reason == "keyword 'ホテル' in 名称"


def test_mapping_first_and_by_column():
    rules = (CategoryRule("0803", "sight", column="POIコード"), CategoryRule("湯", "onsen"))
    row = {"名称": "テストの湯カフェ", "POIコード": "0803a"}
    assert classify(row, rules, keywords=keyword_rules()).category == "sight"
    assert classify({"名称": "テストの湯カフェ"}, rules).category == "onsen"
    assert classify({"名称": "テスト"}, rules).category == "sight"  # default


def test_load_mapping():
    rules = load_mapping(FIXTURES / "mapping.csv")
    assert rules[0] == CategoryRule("テストカフェ", "workspace", "cafe", ("wifi", "cafe"), "名称")
    assert rules[1] == CategoryRule("テスト温泉", "activity")


def test_docs_list_the_keyword_table():
    docs = Path(__file__).resolve().parents[2] / "docs" / "opendata.md"
    text = docs.read_text(encoding="utf-8")
    for rule in keyword_rules():
        assert f"| {rule.keyword} | `{rule.category}` |" in text, rule
