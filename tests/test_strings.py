"""The user-interface catalog in each of the OIC's languages: complete, current, and safe to format."""
from __future__ import annotations

import os
import string
from types import SimpleNamespace

import pytest

from coursekit import strings


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.fixture
def language():
    """Whatever a test switches to, the next test starts in English again."""
    yield
    strings.use("en")


@pytest.mark.parametrize("code", [c for c in strings.LANGUAGES if c != "en"])
def test_every_string_is_translated_from_the_current_english(code):
    assert strings.status(code) == {"untranslated": [], "outdated": []}, (
        f"coursekit/locales/{code}.json needs a translator: add the missing keys, and for each outdated one "
        "translate the new English and copy it into `source`")
    assert set(strings.translations(code)) == set(strings.english()), "a translation of a key English no longer has"


@pytest.mark.parametrize("code", [c for c in strings.LANGUAGES if c != "en"])
def test_translations_keep_every_placeholder_and_differ_from_english(code):
    english = strings.english()
    done = strings.translations(code)
    for key, entry in done.items():
        assert _placeholders(entry["text"]) == _placeholders(english[key]), key
    same = [k for k, e in done.items() if e["text"] == english[k] and not k.startswith(("bank.col.number",))]
    # a few words are the same in both languages (Source, Type, Zoom, Quiz); a copied-over catalog is not
    assert len(same) <= 12, same


def test_the_language_in_use_gives_every_string(language):
    strings.use("fr")
    assert strings.t("quiz.score", score=1, total=2) == "Score\u00a0: 1 sur 2"
    strings.use("ar")
    assert strings.t("quiz.score", score=1, total=2) == "الدرجة: 1 من 2"
    assert strings.section("quiz")["check"] == "تحقّق"
    strings.use(None)
    assert strings.t("quiz.check") == "Check"


def test_an_outdated_translation_gives_way_to_the_english(monkeypatch, language):
    stale = {**strings.translations("fr"), "quiz.check": {"source": "Check it", "text": "Vérifiez-le"}}
    monkeypatch.setattr(strings, "translations", lambda code: stale)
    strings._catalog.cache_clear()
    try:
        assert strings.status("fr")["outdated"] == ["quiz.check"]
        assert strings.catalog("fr")["quiz.check"] == "Check"
    finally:
        strings._catalog.cache_clear()


def test_a_language_without_strings_is_refused_in_one_line():
    with pytest.raises(ValueError, match="not 'de'"):
        strings.use("de")


def test_the_book_language_chooses_the_strings_and_reaches_the_kernels(monkeypatch, language):
    from coursekit.sphinxext import _use_language
    monkeypatch.setenv("COURSEKIT_LANGUAGE", "en")   # recorded, so the variable is restored after the test
    _use_language(None, SimpleNamespace(language="ar"))
    assert strings.t("timeline.close") == "إغلاق"
    assert os.environ["COURSEKIT_LANGUAGE"] == "ar"
