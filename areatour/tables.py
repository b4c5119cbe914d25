"""Reading CSV tables the way Japanese municipal staff write them.

CSV files come as UTF-8, UTF-8 with BOM, UTF-16 (with BOM) or CP932 (Excel's
Japanese default). Headers are NFKC-normalised (full-width letters and
parentheses become ASCII) and stripped. Values are kept as strings exactly as
written; nothing is converted here.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, DataIssue

__all__ = [
    "Table",
    "check_digit",
    "decode_bytes",
    "normalize_code",
    "normalize_header",
    "read_table",
]


@dataclass(frozen=True)
class Table:
    """A CSV file read as strings.

    Attributes
    ----------
    name
        The file name used in error messages.
    header
        Normalised column names.
    rows
        One dict per non-blank data row (column → raw string).
    encoding
        The encoding that was detected.
    row_numbers
        The data row number (1-based, header = 0, blank lines counted) of each
        entry of ``rows``, used in messages; defaults to 1, 2, 3, ...
    """

    name: str
    header: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    encoding: str
    row_numbers: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not self.row_numbers:
            object.__setattr__(self, "row_numbers", tuple(range(1, len(self.rows) + 1)))

    def numbered(self) -> list[tuple[int, dict[str, str]]]:
        """``(row number, row)`` pairs, numbered as in the file."""
        return list(zip(self.row_numbers, self.rows, strict=True))

    def issue(
        self, row: int | None, column: str | None, value: str | None, message: str
    ) -> DataIssue:
        """Build a :class:`DataIssue` located in this table (row is 1-based)."""
        return DataIssue(self.name, row, column, value, message)


def normalize_header(name: str) -> str:
    """NFKC-normalise a header cell and strip blanks and a stray BOM.

    Examples
    --------
    >>> normalize_header("　名称（カナ） ")
    '名称(カナ)'
    """
    return unicodedata.normalize("NFKC", name).replace("\ufeff", "").strip()


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode file bytes, detecting UTF-8 (with or without BOM), UTF-16 and CP932.

    Returns
    -------
    (text, encoding)

    Raises
    ------
    DataError
        When none of the supported encodings can read the bytes.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    for encoding in ("utf-8", "cp932"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise DataError(
        DataIssue(name, None, None, None, "unreadable encoding (expected UTF-8, UTF-16 or CP932)")
    )


def read_table(path: str | Path, *, required: tuple[str, ...] = ()) -> Table:
    """Read a CSV file into a :class:`Table` of strings.

    Parameters
    ----------
    path
        The CSV file.
    required
        Column names that must be present (after normalisation).

    Raises
    ------
    DataError
        Unreadable file or encoding, missing or duplicate columns, or rows with
        more cells than the header.
    """
    path = Path(path)
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(DataIssue(name, None, None, None, f"cannot read file: {exc}")) from None
    text, encoding = decode_bytes(data, name)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        raw_header = next(reader)
    except StopIteration:
        raise DataError(DataIssue(name, None, None, None, "the file is empty")) from None
    header = tuple(normalize_header(h) for h in raw_header)
    issues: list[DataIssue] = []
    seen: set[str] = set()
    for col in header:
        if col in seen:
            issues.append(DataIssue(name, 0, col, col, "duplicate column"))
        seen.add(col)
    issues.extend(
        DataIssue(name, 0, col, None, "required column is missing")
        for col in required
        if col not in seen
    )
    rows: list[dict[str, str]] = []
    numbers: list[int] = []
    try:
        for i, cells in enumerate(reader, start=1):
            if not any(c.strip() for c in cells):
                continue
            numbers.append(i)
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                issues.append(
                    DataIssue(name, i, None, None, f"{len(cells)} cells but {len(header)} columns")
                )
            padded = list(cells[: len(header)]) + [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, padded, strict=True)))
    except csv.Error as exc:
        issues.append(DataIssue(name, reader.line_num, None, None, f"malformed CSV: {exc}"))
    if issues:
        raise DataError(issues)
    return Table(name, header, tuple(rows), encoding, tuple(numbers))


def check_digit(code5: str) -> str:
    """The check digit of a 5-digit local government code (全国地方公共団体コード).

    Examples
    --------
    >>> check_digit("01428"), check_digit("01100")
    ('1', '2')
    """
    weights = (6, 5, 4, 3, 2)
    total = sum(int(d) * w for d, w in zip(code5, weights, strict=True))
    return str((11 - total % 11) % 10)


def normalize_code(value: str) -> str:
    """Normalise a municipality code to its 5-digit JIS X 0402 form.

    Accepts 5-digit codes, 6-digit codes with a check digit (verified) and
    codes from which Excel stripped leading zeros (``1428`` → ``01428``).
    Full-width digits are accepted.

    Raises
    ------
    ValueError
        When the value is not a code or its check digit is wrong.

    Examples
    --------
    >>> normalize_code("1428"), normalize_code("014281"), normalize_code("14281")
    ('01428', '01428', '01428')
    """
    text = unicodedata.normalize("NFKC", value).strip()
    if text.endswith(".0"):  # Excel exports numbers as floats
        text = text[:-2]
    if not text.isdigit():
        raise ValueError(f"not a municipality code: {value!r}")
    if len(text) == 4 and text[0] != "0":
        return "0" + text
    if len(text) == 5 and text[0] != "0" and check_digit("0" + text[:4]) == text[4]:
        # a 6-digit code whose leading zero Excel stripped (014281 -> 14281)
        return "0" + text[:4]
    if len(text) not in (5, 6):
        raise ValueError(f"not a 5- or 6-digit municipality code: {value!r}")
    if len(text) == 6:
        code, digit = text[:5], text[5]
        if check_digit(code) != digit:
            raise ValueError(f"wrong check digit in {value!r}: expected {code}{check_digit(code)}")
        return code
    return text
