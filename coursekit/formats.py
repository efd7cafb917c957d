"""Numbers and dates as the language in use writes them (Babel), for everything Python renders: no-JavaScript
fallbacks, timeline labels, papers and answer keys. The widgets do the same in the browser with Intl
(formatNumber and formatDate in widgets/common.js). CLDR writes Arabic ("ar") with the Western digits 0-9 and
French with a comma and narrow spaces, and Babel and Intl read the same CLDR, so a page reads the same with and
without JavaScript (Babel takes a locale's separators but never its digits: "ar_EG" would differ)."""
from __future__ import annotations

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal


def _locale(code: str) -> str:
    try:
        return str(Locale.parse((code or "en").replace("-", "_")))
    except (UnknownLocaleError, ValueError):
        return "en"


def number(value: float, code: str, *, grouping: bool = True) -> str:
    """``value`` in the digits and separators of language ``code`` ("ar", "fr"); whole floats plainly. Without
    ``grouping`` it is written as a student may type it (an answer, a year: "1970", never "1,970")."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    pattern = "#,##0.############" if grouping else "0.############"   # every digit a float has, not the locale's 3
    return format_decimal(value, format=pattern, locale=_locale(code), numbering_system="default")


def year(value: int, code: str) -> str:
    return number(value, code, grouping=False)


def direction(code: str | None) -> str:
    """"rtl" or "ltr": how language ``code`` ("ar", "fr", "pt_BR") is written, from CLDR (Babel), so every
    right-to-left language (Arabic, Persian, Urdu, Hebrew) is one, with no list of codes to keep."""
    try:
        locale = Locale.parse((code or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"
