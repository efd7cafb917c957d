"""Numbers in the language in use (coursekit.formats, through strings.t and the timeline's date labels)."""
from __future__ import annotations

import pytest

from coursekit import strings
from coursekit.dates import When, date_label
from coursekit.formats import number, year


@pytest.fixture
def french():
    strings.use("fr")
    yield
    strings.use("en")


def test_numbers_follow_the_language():
    assert number(1234567.5, "en") == "1,234,567.5"
    assert number(1234567.5, "fr") == "1\u202f234\u202f567,5"
    assert number(0.0001, "fr") == "0,0001"   # every digit, not the locale pattern's three
    assert number(2.0, "ar") == "2"
    assert number(3, "not-a-language") == "3"


def test_years_and_typed_answers_have_no_group_separator():
    assert year(1969, "en") == "1969"
    assert number(1970.0, "fr", grouping=False) == "1970"


def test_strings_write_their_numbers_in_the_language_in_use(french):
    assert "1\u202f234" in strings.t("progress.corrupt", count=1234)


def test_date_labels_write_days_and_years_in_the_language_in_use(french):
    label = date_label(When(start="1969-09-22"))
    assert label.startswith("22 ") and label.endswith(" 1969") and "septembre" in label.lower()
