"""Dates in one place: the date forms instructors write, what they denote, and how they read.

An event's date is written at its precision, '1969', '1969-09' or '1969-09-22', or as a span of two
such dates. This module checks those strings (:func:`parse_date`), holds a checked date or span
(:class:`When`), gives the days it covers (:func:`interval`) and its label in the course's language
(:func:`date_label`). The schema, the timeline widget and the timeline quizzes all use it.
"""
from __future__ import annotations

import datetime as dt
import re

from pydantic import BaseModel, Field

from .formats import number as _number, year as _year
from .strings import language, t

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class When(BaseModel):
    """A date at its precision ('1969', '1969-09', '1969-09-22'), or a span of two such dates."""

    start: str = Field(description="The date, as YYYY, YYYY-MM or YYYY-MM-DD.")
    end: str | None = Field(None, description="The end of a span, at the same precision as `start`.")

    @property
    def precision(self) -> str:
        return {1: "year", 2: "month", 3: "day"}[len(self.start.split("-"))]

    @property
    def sort_key(self) -> str:
        return self.start


def parse_date(text: str) -> dt.date:
    """Check one date string; return the first day it denotes. Raise ValueError with the fix."""
    match = _DATE.match(str(text).strip())
    if not match:
        raise ValueError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD; write it like \"1969-09-22\", in quotes")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        value = dt.date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"date {text!r} does not exist ({exc}); use a real calendar date") from None
    if value > dt.date.today():
        raise ValueError(f"date {text!r} is in the future; use the date on which it happened, or leave the event out")
    return value


def interval(when: When) -> tuple[dt.date, dt.date]:
    """The first and last day a date denotes, at its precision."""
    def first(text: str) -> dt.date:
        parts = [int(p) for p in text.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])

    def last(text: str) -> dt.date:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:
            year, month = parts
            return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return dt.date(parts[0], 12, 31)

    return first(when.start), last(when.end or when.start)


def _month(number: int) -> str:
    return t("date.months").split(",")[number - 1]


def _one_date(text: str) -> str:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 1:
        return _year(parts[0], language())
    if len(parts) == 2:
        return f"{_month(parts[1])} {_year(parts[0], language())}"
    return f"{_number(parts[2], language())} {_month(parts[1])} {_year(parts[0], language())}"


def date_label(when: When) -> str:
    """'22 September 1969', 'September 1969', '1969', or a span '22 – 25 September 1969'."""
    if not when.end:
        return _one_date(when.start)
    start, end = when.start.split("-"), when.end.split("-")
    if len(start) == 3 and start[:2] == end[:2]:
        return f"{_number(int(start[2]), language())} – {_one_date(when.end)}"
    if len(start) == 2 and start[0] == end[0]:
        return f"{_month(int(start[1]))} – {_one_date(when.end)}"
    return f"{_one_date(when.start)} – {_one_date(when.end)}"
