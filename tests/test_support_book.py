"""support/book.py: a build is reused only while it is newer than every input it read."""
from __future__ import annotations

import os
import time
from pathlib import Path

from support.book import html_dir, is_current, newest_input, stamp_path


def fake_book(root: Path) -> Path:
    """A book folder with the inputs a build reads and an HTML folder, as a finished build leaves it."""
    for name in ("book/intro.md", "exercises/part1/slice/quiz.yml", "_config.yml", "_toc.yml"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x\n", encoding="utf-8")
    html = html_dir(root)
    html.mkdir(parents=True)
    (html / "index.html").write_text("<html></html>", encoding="utf-8")
    return root


def stamp(root: Path, when: float, edition: str = "student", translated: bool = True) -> None:
    path = stamp_path(root, None, edition, translated=translated)
    path.touch()
    os.utime(path, (when, when))


def test_a_build_stamped_after_every_input_is_current(tmp_path):
    book = fake_book(tmp_path)
    stamp(book, newest_input(book) + 1)
    assert is_current(book)


def test_an_edited_exercise_file_makes_the_build_stale(tmp_path):
    book = fake_book(tmp_path)
    stamp(book, newest_input(book) + 1)
    later = time.time() + 60
    os.utime(book / "exercises" / "part1" / "slice" / "quiz.yml", (later, later))
    assert not is_current(book)


def test_no_stamp_or_no_html_is_never_current(tmp_path):
    book = fake_book(tmp_path)
    assert not is_current(book)                      # never stamped: ./build did not finish
    stamp(book, newest_input(book) + 1)
    (html_dir(book) / "index.html").unlink()
    assert not is_current(book)


def test_each_edition_has_its_own_stamp(tmp_path):
    book = fake_book(tmp_path)
    stamp(book, newest_input(book) + 1, "student")
    assert is_current(book, edition="student") and not is_current(book, edition="instructor")


def test_build_outputs_are_not_inputs(tmp_path):
    book = fake_book(tmp_path)
    stamp(book, newest_input(book) + 1)
    later = time.time() + 60
    for name in ("_build/html/index.html", "book/_build/x.html"):
        (book / name).parent.mkdir(parents=True, exist_ok=True)
        (book / name).write_text("y", encoding="utf-8")
        os.utime(book / name, (later, later))
    assert is_current(book)


def test_a_site_missing_a_language_edition_or_with_a_newer_catalog_is_stale(tmp_path):
    book = fake_book(tmp_path)
    (book / "_config.yml").write_text("sphinx:\n  config:\n    coursekit_languages: [en, ar]\n", encoding="utf-8")
    catalog = book / "locales" / "ar" / "LC_MESSAGES" / "book" / "intro.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text("", encoding="utf-8")
    stamp(book, newest_input(book) + 1)
    assert not is_current(book)                      # no ar/ edition in the site yet
    (html_dir(book) / "ar").mkdir()
    (html_dir(book) / "ar" / "index.html").write_text("<html></html>", encoding="utf-8")
    assert is_current(book)
    later = time.time() + 60
    catalog.with_suffix(".mo").write_bytes(b"")      # Sphinx compiles catalogs during the build: not an input
    os.utime(catalog.with_suffix(".mo"), (later, later))
    assert is_current(book)
    os.utime(catalog, (later, later))                # a translator's edit is
    assert not is_current(book)


def test_a_source_language_build_serves_only_who_asks_for_no_more(tmp_path):
    book = fake_book(tmp_path)
    (book / "_config.yml").write_text("sphinx:\n  config:\n    coursekit_languages: [en, ar]\n", encoding="utf-8")
    stamp(book, newest_input(book) + 1, translated=False)      # the suite's instructor edition: English only
    assert is_current(book, translated=False) and not is_current(book)
    stamp(book, newest_input(book) + 1)                        # then ./build: every language
    (html_dir(book) / "ar").mkdir()
    (html_dir(book) / "ar" / "index.html").write_text("<html></html>", encoding="utf-8")
    assert is_current(book) and is_current(book, translated=False)
    os.unlink(stamp_path(book, None, "student", translated=False))
    assert is_current(book, translated=False)                  # a build of every language is enough
