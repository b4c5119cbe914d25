import pytest

from areatour.errors import DataError
from areatour.tables import check_digit, normalize_code, read_table


def test_check_digits_match_the_official_rule():
    # 6-digit codes from the 総務省 list
    assert {c: check_digit(c) for c in ("01100", "01428", "01223", "01694", "01202")} == {
        "01100": "2",
        "01428": "1",
        "01223": "8",
        "01694": "2",
        "01202": "5",
    }


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("01428", "01428"),
        ("014281", "01428"),
        ("1428", "01428"),
        ("14281", "01428"),
        ("１４２８", "01428"),
        ("1428.0", "01428"),
    ],
)
def test_normalize_code(raw, code):
    assert normalize_code(raw) == code


@pytest.mark.parametrize("raw", ["014282", "abc", "123", "1234567", ""])
def test_normalize_code_rejects(raw):
    with pytest.raises(ValueError):
        normalize_code(raw)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932", "utf-16"])
def test_encodings_detected(tmp_path, encoding):
    path = tmp_path / "t.csv"
    path.write_bytes("コード,名称（カナ）\n1428,ナガヌマ\n".encode(encoding))
    table = read_table(path)
    assert table.header == ("コード", "名称(カナ)")
    assert table.rows[0] == {"コード": "1428", "名称(カナ)": "ナガヌマ"}


def test_unreadable_encoding(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(b"a,b\n\x81\x00\xff\xfe\xfd,1\n")
    with pytest.raises(DataError, match="encoding"):
        read_table(path)


def test_missing_and_duplicate_columns_reported_together(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,a\n1,2\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        read_table(path, required=("b",))
    messages = [i.message for i in info.value.issues]
    assert "duplicate column" in messages and "required column is missing" in messages


def test_blank_lines_keep_row_numbers(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n\n,\n3,4\n", encoding="utf-8")
    table = read_table(path)
    assert table.numbered() == [(1, {"a": "1", "b": "2"}), (4, {"a": "3", "b": "4"})]
