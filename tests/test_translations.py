"""Exercise files in Arabic and French: catalogs a translator can work in, never losing a translation."""
from __future__ import annotations

from babel.messages.pofile import read_po, write_po

from coursekit import translations
from coursekit.bank import Bank
from coursekit.cli import main
from tests.conftest import course_copy

QUIZ = "part1/demo/quiz.yml"


def _translate(root, language, pairs):
    """Fill in ``pairs`` ({(context, English): translation}) as a translator's editor would."""
    path = translations.catalog_path(root, language)
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for (context, english), text in pairs.items():
        message = catalog.get(english, context=context)
        assert message is not None, (context, english)
        message.string = text
    with path.open("wb") as handle:
        write_po(handle, catalog)


def _quiz(root, language):
    bank = Bank.load(root, language=language)
    return bank, next(model for path, model in bank.files.items() if path.as_posix().endswith(QUIZ))


def test_a_catalog_holds_every_prose_field_but_no_id_url_or_source_title(tmp_path, monkeypatch, capsys):
    root = course_copy(tmp_path, monkeypatch)
    assert main(["translations", "--language", "fr"]) == 0
    assert "fr: 0 of" in capsys.readouterr().out
    with translations.catalog_path(root, "fr").open("rb") as handle:
        catalog = read_po(handle)
    texts = {m.id for m in catalog if m.id}
    assert "Fixture quiz: every item type" in texts                    # the title
    assert "Identify the bodies and dates in the fixture." in texts    # an objective
    assert "The tilde ~ and the colon :" in texts                      # a choice
    assert not {"GIFT notes", "https://example.org/gift", "part1/demo"} & texts   # a source's title, a url, a section
    contexts = {m.context for m in catalog if m.id}
    assert QUIZ in contexts and any(c.startswith(f"{QUIZ}#") for c in contexts)


def test_the_french_bank_uses_current_translations_and_english_for_the_rest(tmp_path, monkeypatch):
    root = course_copy(tmp_path, monkeypatch)
    main(["translations", "--language", "fr"])
    _translate(root, "fr", {(QUIZ, "Fixture quiz: every item type"): "Quiz d’essai : tous les types de question"})
    bank, quiz = _quiz(root, "fr")
    assert not bank.problems
    assert quiz.title == "Quiz d’essai : tous les types de question"
    assert quiz.objectives[0].text == "Identify the bodies and dates in the fixture."   # not yet translated
    assert _quiz(root, "en")[1].title == "Fixture quiz: every item type"


def test_a_change_to_the_english_marks_the_translation_for_review_and_keeps_it(tmp_path, monkeypatch, capsys):
    root = course_copy(tmp_path, monkeypatch)
    main(["translations", "--language", "fr"])
    _translate(root, "fr", {(QUIZ, "Fixture quiz: every item type"): "Quiz d’essai : tous les types de question"})
    quiz = root / "exercises" / QUIZ
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("every item type", "each item type"), encoding="utf-8")
    capsys.readouterr()
    assert main(["translations"]) == 0
    assert "1 to review (the English changed)" in capsys.readouterr().out
    with translations.catalog_path(root, "fr").open("rb") as handle:
        message = read_po(handle).get("Fixture quiz: each item type", context=QUIZ)
    assert message.fuzzy and message.string == "Quiz d’essai : tous les types de question"
    assert _quiz(root, "fr")[1].title == "Fixture quiz: each item type"   # until a translator reviews it
    assert main(["check"]) == 0
    assert "fr: " in capsys.readouterr().out


def test_a_translation_that_breaks_the_file_is_a_located_warning_and_the_english_stays(tmp_path, monkeypatch, capsys):
    root = course_copy(tmp_path, monkeypatch)
    main(["translations", "--language", "ar"])
    prompt = next(m for m in Bank.load(root).messages() if m[0].startswith(f"{QUIZ}#") and "GIFT" in m[1])
    _translate(root, "ar", {prompt: "<script>alert(1)</script>"})   # raw HTML: the Markdown check refuses it
    bank, quiz = _quiz(root, "ar")
    assert "<script>" not in quiz.model_dump_json()
    [problem] = [p for p in bank.problems if "translation" in p.message]
    assert problem.severity == "warning" and "locales/ar/LC_MESSAGES/exercises.po" in problem.fix
    capsys.readouterr()
    assert main(["check"]) == 0
    assert "in its ar translation" in capsys.readouterr().out


def test_an_unreadable_catalog_is_one_line_naming_it(tmp_path, monkeypatch, capsys):
    root = course_copy(tmp_path, monkeypatch)
    path = translations.catalog_path(root, "fr")
    path.parent.mkdir(parents=True)
    path.write_bytes(b'msgid "a"\nmsgstr "b\n\xff')
    assert main(["check"]) == 1
    err = capsys.readouterr()
    assert "locales/fr/LC_MESSAGES/exercises.po:1:1: error: cannot read these translations" in err.out
    assert "Traceback" not in err.out + err.err


def test_languages_the_widgets_do_not_speak_are_refused(tmp_path, monkeypatch, capsys):
    course_copy(tmp_path, monkeypatch)
    assert main(["translations"]) == 1
    assert "--language ar fr" in capsys.readouterr().err
    assert main(["translations", "--language", "de"]) == 1
    assert "can be translated into ar, fr" in capsys.readouterr().err


def test_translated_accepted_answers_join_the_english_ones(tmp_path, monkeypatch):
    """A student of the Arabic edition who types "OIC" is still right, and so is one who types the Arabic."""
    from coursekit.questions.short_text import ShortTextType

    root = course_copy(tmp_path, monkeypatch)
    main(["translations", "--language", "ar"])
    _translate(root, "ar", {(f"{QUIZ}#fx-short", "Organisation of Islamic Cooperation"): "منظمة التعاون الإسلامي",
                            (f"{QUIZ}#fx-short", "OIC"): "التعاون الإسلامي"})
    bank, quiz = _quiz(root, "ar")
    assert not bank.problems
    item = next(i for i in quiz.items if i.id == "fx-short")
    assert item.accepted == ["منظمة التعاون الإسلامي", "التعاون الإسلامي", "al-Munaẓẓama",
                             "Organisation of Islamic Cooperation", "OIC"]
    for typed in ("OIC", "منظمة التعاون الإسلامي", "التعاون الاسلامي"):
        assert ShortTextType().score(item, typed) == 1.0, typed
    assert ShortTextType().score(item, "UNESCO") == 0.0
