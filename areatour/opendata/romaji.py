"""Hepburn romanisation of kana readings (名称_カナ), for English names the files lack.

Long vowels are not marked (``トーキョー`` → ``Tokyo``), ``ン`` is always ``n``;
that is the spelling of most signs in Hokkaido. Text with kanji cannot be
romanised and gives ``""``.
"""

from __future__ import annotations

import unicodedata

__all__ = ["romanize"]

_BASE = {
    "ア": "a", "イ": "i", "ウ": "u", "エ": "e", "オ": "o",
    "カ": "ka", "キ": "ki", "ク": "ku", "ケ": "ke", "コ": "ko",
    "サ": "sa", "シ": "shi", "ス": "su", "セ": "se", "ソ": "so",
    "タ": "ta", "チ": "chi", "ツ": "tsu", "テ": "te", "ト": "to",
    "ナ": "na", "ニ": "ni", "ヌ": "nu", "ネ": "ne", "ノ": "no",
    "ハ": "ha", "ヒ": "hi", "フ": "fu", "ヘ": "he", "ホ": "ho",
    "マ": "ma", "ミ": "mi", "ム": "mu", "メ": "me", "モ": "mo",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo",
    "ラ": "ra", "リ": "ri", "ル": "ru", "レ": "re", "ロ": "ro",
    "ワ": "wa", "ヰ": "i", "ヱ": "e", "ヲ": "o", "ン": "n",
    "ガ": "ga", "ギ": "gi", "グ": "gu", "ゲ": "ge", "ゴ": "go",
    "ザ": "za", "ジ": "ji", "ズ": "zu", "ゼ": "ze", "ゾ": "zo",
    "ダ": "da", "ヂ": "ji", "ヅ": "zu", "デ": "de", "ド": "do",
    "バ": "ba", "ビ": "bi", "ブ": "bu", "ベ": "be", "ボ": "bo",
    "パ": "pa", "ピ": "pi", "プ": "pu", "ペ": "pe", "ポ": "po",
    "ヴ": "vu",
    "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o",
    "ャ": "ya", "ュ": "yu", "ョ": "yo", "ヮ": "wa",
}  # fmt: skip
_DIGRAPH_VOWELS = {"ャ": "a", "ュ": "u", "ョ": "o", "ァ": "a", "ィ": "i", "ェ": "e", "ォ": "o"}
_SEPARATORS = " ・=＝"


def _katakana(text: str) -> str:
    # hiragana -> katakana (the blocks are 0x60 apart)
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in text)


def _syllables(word: str) -> str | None:
    out: list[str] = []
    double = False
    i = 0
    while i < len(word):
        char = word[i]
        nxt = word[i + 1] if i + 1 < len(word) else " "
        if char == "ッ":
            double = True
            i += 1
            continue
        if char == "ー":
            i += 1
            continue
        if char in _BASE:
            roman = _BASE[char]
            if nxt in "ャュョ" and char not in _DIGRAPH_VOWELS and roman.endswith("i"):
                stem = roman[:-1]
                joint = "" if stem in ("sh", "ch", "j") else "y"
                roman = stem + joint + _DIGRAPH_VOWELS[nxt]
                i += 1
            elif nxt in "ァィゥェォ" and char not in _DIGRAPH_VOWELS and char not in "アイエオ":
                stem = "w" if char == "ウ" else roman[:-1]  # ファ, ティ, ウェ, シェ
                roman = stem + _DIGRAPH_VOWELS.get(nxt, "u")
                i += 1
            if double:
                roman = ("t" if roman.startswith("ch") else roman[0]) + roman
                double = False
            out.append(roman)
        elif char.isascii() and (char.isalnum() or char in "-'&.()"):
            out.append(char)
        else:
            return None
        i += 1
    return "".join(out)


def romanize(kana: str) -> str:
    """Romanise a kana reading; ``""`` when it holds anything but kana and ASCII.

    Examples
    --------
    >>> romanize("テストシセツ　ナガヌマ")
    'Tesutoshisetsu Naganuma'
    >>> romanize("ホッカイドウ"), romanize("チョウ"), romanize("長沼")
    ('Hokkaidou', 'Chou', '')
    """
    text = _katakana(unicodedata.normalize("NFKC", kana).strip())
    words: list[str] = []
    current = ""
    for char in text + " ":
        if char in _SEPARATORS:
            if current:
                roman = _syllables(current)
                if roman is None:
                    return ""
                words.append(roman[:1].upper() + roman[1:])
            current = ""
        else:
            current += char
    return " ".join(words)
