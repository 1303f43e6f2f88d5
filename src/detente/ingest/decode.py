"""Bytes to clean Unicode text: binary refusal, encoding detection, NFC normalisation."""

from __future__ import annotations

import re
import unicodedata

from charset_normalizer import from_bytes

from detente.errors import BinaryInputError, DecodeError, EmptyInputError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_CJK_MULTIBYTE = {"gb2312", "gbk", "gb18030", "big5", "big5hkscs", "cp950", "cp936", "shiftjis",
                  "shift_jis", "cp932", "euckr", "cp949", "eucjp", "hz", "johab", "iso2022jp"}
# C0 controls other than tab/newline/carriage return/form feed; a few are normal in scraped text,
# many mean the bytes are not text at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or a high share of control bytes in the first 8 KiB mean "not text"."""
    head = data[:8192]
    if not head:
        return False
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False  # UTF-16 text legitimately contains NULs
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def decode_bytes(data: bytes, source: str) -> str:
    """Decode ``data`` (named ``source`` in errors) to normalised text, or raise a named error."""
    if not data.strip():
        raise EmptyInputError("empty input (no text)", source=source)
    if looks_binary(data):
        raise BinaryInputError("binary content, not text", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return normalize_text(data[len(bom) :].decode(encoding, errors="replace"))
    try:
        return normalize_text(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("unknown text encoding (not UTF-8, no confident guess)", source=source)
    high = sum(1 for b in data if b > 127)
    if best.encoding.replace("_", "").lower() in _CJK_MULTIBYTE and high / len(data) < 0.3:
        # Detectors misread short Western text (a few accented letters among ASCII) as a CJK
        # double-byte encoding; real CJK text is mostly high bytes.
        return normalize_text(data.decode("cp1252", errors="replace"))
    return normalize_text(str(best))


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, no stray control characters.

    The stored text is the normalised one, so every offset detente reports indexes that text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)
