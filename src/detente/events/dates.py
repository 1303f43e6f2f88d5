"""Resolving a date expression against the publication date, with its granularity.

dateparser handles weekdays, "February 24", "last week", "two days ago" well when given the
publication date as base; it fails on bare years, decades, "early 2023" and "since 2020"
(DEPENDENCIES.md), so those are rules here and dateparser is only the fallback.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from detente.facts import EventDate

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december"]
_MONTH_RE = "|".join(_MONTHS + [m[:3] for m in _MONTHS] + ["sept"])
_PREFIX = re.compile(r"^(?:since|until|till|by|before|after|from|in|on|at|during|as of|the|of|"
                     r"early|mid|late|earlier|later|around|about)[\s-]+", re.I)
_DECADE = re.compile(r"^(?:the\s+)?(?:early\s+|mid\s+|late\s+)?(\d{3})0s$", re.I)
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_DAY = re.compile(rf"^({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?$", re.I)
_DAY_MONTH = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?$",
                        re.I)
_MONTH_YEAR = re.compile(rf"^({_MONTH_RE})\.?(?:\s+(\d{{4}}))?$", re.I)
_REL = re.compile(r"^(last|this|next|past|previous|coming)\s+(week|month|year|weekend)$", re.I)
_AGO = re.compile(r"^(\w+|\d+)\s+(day|week|month|year)s?\s+ago$", re.I)
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3}


def parse_published(published: str | None) -> date | None:
    """The publication date of a document, or None when it has none we can read."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(published[:10])
        except ValueError:
            return None


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    name = "sep" if name == "sept" else name
    return next(i + 1 for i, m in enumerate(_MONTHS) if m.startswith(name[:3]))


def _past_or_future(candidate: date, base: date, forward: bool, *, step_years: bool) -> date:
    """Move a year-less date to the right side of the base date (past by default)."""
    if step_years:
        if not forward and candidate > base + timedelta(days=1):
            return candidate.replace(year=candidate.year - 1)
        if forward and candidate < base:
            return candidate.replace(year=candidate.year + 1)
    return candidate


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: date | None, *, forward: bool = False) -> EventDate | None:
    """Resolve a date expression; ``forward`` for future-tense events ("will meet on Tuesday").

    Returns None (no guess) for expressions it cannot place, and for relative expressions
    when the publication date is unknown.
    """
    raw = " ".join(text.split())
    core = raw.strip(" ,.")
    core = re.sub(r"^(?:the\s+)?", "", core, flags=re.I) if _DECADE.match(core) else core
    while _PREFIX.match(core) and not _DECADE.match(core):
        core = _PREFIX.sub("", core, count=1)
    low = core.lower()
    if m := _DECADE.match(core):
        return EventDate(f"{m.group(1)}0", "decade", raw)
    if m := _YEAR.match(core):
        return EventDate(m.group(1), "year", raw)
    if m := re.match(r"^(\d{1,2})(?:st|nd|rd|th)\s+century$", low):
        return EventDate(f"{int(m.group(1)) - 1:02d}", "century", raw)
    if m := _MONTH_DAY.match(core) or _DAY_MONTH.match(core):
        groups = m.groups()
        mon, day = (groups[0], groups[1]) if not groups[0].isdigit() else (groups[1], groups[0])
        year = int(groups[2]) if groups[2] else (published.year if published else None)
        if year is None:
            return None
        try:
            d = date(year, _month(mon), int(day))
        except ValueError:
            return None
        if published and not groups[2]:
            d = _past_or_future(d, published, forward, step_years=True)
        return EventDate(d.isoformat(), "day", raw)
    if (m := _MONTH_YEAR.match(core)) and low not in ("may", "march"):
        year = int(m.group(2)) if m.group(2) else (published.year if published else None)
        if year is None:
            return None
        mon = _month(m.group(1))
        if published and not m.group(2):
            if not forward and (year, mon) > (published.year, published.month):
                year -= 1
            if forward and (year, mon) < (published.year, published.month):
                year += 1
        return EventDate(f"{year:04d}-{mon:02d}", "month", raw)
    if published is None:
        return None
    return _relative(low, raw, published, forward)


def _relative(low: str, raw: str, base: date, forward: bool) -> EventDate | None:
    if low in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return EventDate(base.isoformat(), "day", raw)
    if low in ("yesterday", "last night"):
        return EventDate((base - timedelta(days=1)).isoformat(), "day", raw)
    if low == "tomorrow":
        return EventDate((base + timedelta(days=1)).isoformat(), "day", raw)
    for i, name in enumerate(_WEEKDAYS):
        if low in (name, name[:3], f"{name} night", f"{name} morning", f"last {name}",
                   f"next {name}", f"this {name}"):
            delta = (base.weekday() - i) % 7
            if forward or low.startswith("next"):
                d = base + timedelta(days=(i - base.weekday()) % 7 or 7)
            else:
                d = base - timedelta(days=delta or (7 if low.startswith("last") else 0))
            return EventDate(d.isoformat(), "day", raw)
    if m := _REL.match(low):
        which, unit = m.groups()
        shift = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[which]
        if unit in ("week", "weekend"):
            return EventDate(_iso_week(base + timedelta(weeks=shift)), "week", raw)
        if unit == "month":
            y, mth = divmod(base.year * 12 + base.month - 1 + shift, 12)
            return EventDate(f"{y:04d}-{mth + 1:02d}", "month", raw)
        return EventDate(str(base.year + shift), "year", raw)
    if m := _AGO.match(low):
        n = _NUMBERS.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else None)
        if n is None:
            return None
        unit = m.group(2)
        if unit == "day":
            return EventDate((base - timedelta(days=n)).isoformat(), "day", raw)
        if unit == "week":
            return EventDate(_iso_week(base - timedelta(weeks=n)), "week", raw)
        if unit == "month":
            y, mth = divmod(base.year * 12 + base.month - 1 - n, 12)
            return EventDate(f"{y:04d}-{mth + 1:02d}", "month", raw)
        return EventDate(str(base.year - n), "year", raw)
    return _dateparser(raw, base, forward)


def _dateparser(raw: str, base: date, forward: bool) -> EventDate | None:
    """Fallback for what the rules above do not cover; uses dateparser's own period."""
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return None
    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day),
                "PREFER_DATES_FROM": "future" if forward else "past",
                "RETURN_TIME_AS_PERIOD": True}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(raw)
    if not data or data.date_obj is None:
        return None
    d = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return EventDate(str(d.year), "year", raw)
    if period == "month":
        return EventDate(f"{d.year:04d}-{d.month:02d}", "month", raw)
    if period == "week":
        return EventDate(_iso_week(d), "week", raw)
    if period in ("day", "time"):
        return EventDate(d.isoformat(), "day", raw)
    return None


def is_historical(event_date: EventDate | None, published: date | None, years: int) -> bool:
    """True when the event lies more than ``years`` before publication (an analogy, not news)."""
    if event_date is None or published is None:
        return False
    m = re.match(r"^(\d{2,4})", event_date.value)
    if not m:
        return False
    digits = m.group(1)
    # Centuries ("19") and decades ("199") are stored as prefixes: compare their last year.
    year = int(digits.ljust(4, "9")) if len(digits) < 4 else int(digits)
    if event_date.granularity == "decade":
        year = int(digits[:3] + "9")
    return published.year - year > years


def date_range(event_date: EventDate | None) -> tuple[date, date] | None:
    """The first and last day an event date covers ("2025-W47" is a Monday-Sunday range,
    "2025-11" the month, a decade its ten years), or None when the value cannot be read."""
    if event_date is None:
        return None
    value, gran = event_date.value, event_date.granularity
    try:
        if gran == "day":
            d = date.fromisoformat(value[:10])
            return d, d
        if gran == "week":
            year, week = value.split("-W")
            start = date.fromisocalendar(int(year), int(week), 1)
            return start, start + timedelta(days=6)
        if gran == "month":
            year, month = int(value[:4]), int(value[5:7])
            nxt = date(year + month // 12, month % 12 + 1, 1)
            return date(year, month, 1), nxt - timedelta(days=1)
        if gran == "year":
            return date(int(value[:4]), 1, 1), date(int(value[:4]), 12, 31)
        if gran == "decade":
            return date(int(value[:4]), 1, 1), date(int(value[:4]) + 9, 12, 31)
        if gran == "century":
            first = int(value[:2]) * 100
            return date(max(first, 1), 1, 1), date(first + 99, 12, 31)
    except (ValueError, IndexError):
        return None
    return None
