"""Date resolution against the publication date (2025-11-27, a Thursday)."""

from datetime import date

import pytest

from detente.events.dates import is_historical, parse_published, resolve_date

BASE = date(2025, 11, 27)


@pytest.mark.parametrize("text,forward,value,granularity", [
    ("on Tuesday", False, "2025-11-25", "day"),
    ("Tuesday", True, "2025-12-02", "day"),
    ("February 24", False, "2025-02-24", "day"),
    ("24 February 2022", False, "2022-02-24", "day"),
    ("last week", False, "2025-W47", "week"),
    ("next month", False, "2025-12", "month"),
    ("since 2020", False, "2020", "year"),
    ("early 2023", False, "2023", "year"),
    ("mid-November", False, "2025-11", "month"),
    ("the 1990s", False, "1990", "decade"),
    ("in 1654", False, "1654", "year"),
    ("two days ago", False, "2025-11-25", "day"),
    ("yesterday", False, "2025-11-26", "day"),
])
def test_resolve(text, forward, value, granularity):
    got = resolve_date(text, BASE, forward=forward)
    assert got is not None and (got.value, got.granularity) == (value, granularity)


@pytest.mark.parametrize("text", ["on Tuesday", "last week", "yesterday"])
def test_relative_dates_need_a_publication_date(text):
    assert resolve_date(text, None) is None


@pytest.mark.parametrize("text,historical", [
    ("in 1654", True), ("1918", True), ("the 1990s", True), ("the 2010s", False),
    ("February 24", False), ("2022", False)])
def test_historical(text, historical):
    assert is_historical(resolve_date(text, BASE), BASE, 15) is historical


@pytest.mark.parametrize("raw,expected", [
    ("2025-11-27", date(2025, 11, 27)), ("2025-11-27T10:00:00+00:00", date(2025, 11, 27)),
    (None, None), ("not a date", None)])
def test_parse_published(raw, expected):
    assert parse_published(raw) == expected
