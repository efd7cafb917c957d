"""The pages' catalogs as ``coursekit check`` counts them: translated, fuzzy (the English changed), untranslated,
and translations whose English is gone (obsolete), per language; the exercise catalog is not a page's."""
from __future__ import annotations

from pathlib import Path

from coursekit import page_catalogs
from coursekit.cli import main

CATALOG = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Done"
msgstr "Fait"

#, fuzzy
#| msgid "Old English"
msgid "New English"
msgstr "Ancien"

msgid "To do"
msgstr ""

#~ msgid "Gone"
#~ msgstr "Parti"

#~ msgid "Gone, never translated"
#~ msgstr ""
'''


def course(tmp_path: Path) -> Path:
    (tmp_path / "_config.yml").write_text("title: Test course\n", encoding="utf-8")
    (tmp_path / "exercises").mkdir()
    folder = tmp_path / "locales" / "fr" / "LC_MESSAGES"
    (folder / "book" / "part1").mkdir(parents=True)
    (folder / "book" / "part1" / "a.po").write_text(CATALOG, encoding="utf-8")
    (folder / "book" / "b.po").write_text(CATALOG, encoding="utf-8")
    (folder / "exercises.po").write_text('msgid ""\nmsgstr ""\n\nmsgid "x"\nmsgstr ""\n', encoding="utf-8")
    return tmp_path


def test_the_counts_of_a_language(tmp_path):
    status = page_catalogs.status(course(tmp_path), "fr")
    assert (status.total, status.translated, status.fuzzy, status.untranslated, status.obsolete) == (6, 2, 2, 2, 2)
    assert not status.complete
    assert str(status) == ("fr: 2 of 6 page strings translated, 2 to review (the English changed), 2 untranslated, "
                           "2 no longer in the English")


def test_coursekit_check_prints_the_page_line_after_the_exercise_line(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(course(tmp_path))
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    assert main(["check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    exercise = next(n for n, line in enumerate(lines) if line.startswith("fr: ") and "exercise strings" in line)
    assert lines[exercise + 1].startswith("fr: 2 of 6 page strings translated, 2 to review")


def test_an_unreadable_catalog_is_named_not_a_traceback(tmp_path):
    root = course(tmp_path)
    (root / "locales" / "fr" / "LC_MESSAGES" / "book" / "b.po").write_text('msgid "x\n', encoding="utf-8")
    status = page_catalogs.status(root, "fr")
    assert status.unreadable == ("locales/fr/LC_MESSAGES/book/b.po",) and status.total == 3
    assert str(status).endswith("; unreadable: locales/fr/LC_MESSAGES/book/b.po")


def test_a_section_title_is_the_translated_editions_heading_and_english_until_translated(tmp_path):
    """The title a quiz, a timeline check or My progress gives a section, in the French edition: the page's
    own heading as that edition shows it (its catalog's translation; a fuzzy one is not shown, as Sphinx)."""
    from coursekit import strings
    from coursekit.course import Course

    root = course(tmp_path)
    (root / "_config.yml").write_text("title: T\nsphinx:\n  config:\n    coursekit_languages: [en, fr]\n",
                                      encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: book/intro\nchapters:\n  - file: book/part1/a\n"
                                   "  - file: book/b\n", encoding="utf-8")
    (root / "book" / "part1").mkdir(parents=True)
    (root / "book" / "part1" / "a.md").write_text("# Done\n\nText.\n", encoding="utf-8")
    (root / "book" / "b.md").write_text("# New English\n", encoding="utf-8")
    try:
        strings.use("fr")
        assert Course(root).section_title("part1/a") == "Fait"
        assert Course(root).section_title("b") == "New English"   # fuzzy: shown in English
        strings.use("en")
        assert Course(root).section_title("part1/a") == "Done"
    finally:
        strings.use("en")
