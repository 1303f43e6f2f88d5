import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from detente.errors import BinaryInputError, DecodeError, EmptyInputError
from detente.ingest.decode import decode_bytes, looks_binary, normalize_text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Kyiv said “no”.".encode(), "Kyiv said “no”."),
        ("\ufeffBOM text".encode(), "BOM text"),
        ("Zelensky said".encode("utf-16"), "Zelensky said"),
        ("Élysée said ça".encode("latin-1"), "Élysée said ça"),
        ("Киев заявил, что переговоры продолжатся в пятницу.".encode("cp1251"),
         "Киев заявил, что переговоры продолжатся в пятницу."),
        (b"line one\r\nline two\r", "line one\nline two\n"),
        ("e\u0301".encode(), "\u00e9"),  # decomposed accent becomes NFC
    ],
)
def test_decodes_and_normalises(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "x.txt") == expected


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (b"", EmptyInputError),
        (b"   \n\t ", EmptyInputError),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), BinaryInputError),
        (bytes([0, 1, 2, 3, 4, 5]) * 100, BinaryInputError),
    ],
)
def test_refuses_bad_bytes(data: bytes, error: type) -> None:
    with pytest.raises(error) as info:
        decode_bytes(data, "bad.txt")
    assert "bad.txt" in str(info.value)


def test_undecodable_bytes_get_a_named_error(monkeypatch) -> None:
    import detente.ingest.decode as decode

    class NoGuess:
        def best(self):
            return None

    monkeypatch.setattr(decode, "from_bytes", lambda data: NoGuess())
    with pytest.raises(DecodeError, match="unknown text encoding"):
        decode_bytes(b"caf\xe9 \xff\xfe\xfd", "odd.txt")


@given(st.text())
def test_normalize_is_idempotent_and_nfc(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    assert unicodedata.is_normalized("NFC", once)
    assert "\r" not in once


@given(st.text(min_size=1).filter(lambda t: t.strip()))
def test_utf8_text_round_trips(text: str) -> None:
    data = text.encode("utf-8")
    if looks_binary(data):
        return  # control-heavy strings are legitimately refused
    assert decode_bytes(data, "t") == normalize_text(text)
