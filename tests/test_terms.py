"""The term tables: a translation that misses a key term's standard name gets a warning at its .po line,
naming the English term and the accepted names; a malformed table is one located error (coursekit check)."""
from __future__ import annotations

from pathlib import Path

import pytest

from coursekit import terms
from coursekit.cli import main

ROOT = Path(__file__).resolve().parent.parent

AR_TABLE = """\
- en: [International Atomic Energy Agency, IAEA]
  ar: [الوكالة الدولية للطاقة الذرية]
  source: https://unterm.un.org
- en: [Security Council]
  ar: [مجلس الأمن]
  source: https://unterm.un.org
"""
FR_TABLE = """\
- en: [Organisation of Islamic Cooperation, OIC]
  fr: [Organisation de la coopération islamique, OCI]
  source: https://www.oic-oci.org/home/?lan=fr
- en: [International Atomic Energy Agency, IAEA]
  fr: [Agence internationale de l’énergie atomique, AIEA]
  source: https://unterm.un.org
"""


def po(*messages: tuple[str, str], fuzzy: str = "") -> str:
    header = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    body = "".join(f'msgid "{english}"\nmsgstr "{text}"\n\n' for english, text in messages)
    if fuzzy:
        body += f'#, fuzzy\nmsgid "{fuzzy}"\nmsgstr "شيء آخر"\n\n'
    return header + body


@pytest.fixture
def course(tmp_path, monkeypatch):
    (tmp_path / "_config.yml").write_text("title: Test course\n", encoding="utf-8")
    (tmp_path / "exercises").mkdir()
    for language, table in (("ar", AR_TABLE), ("fr", FR_TABLE)):
        (tmp_path / "locales" / language / "LC_MESSAGES" / "book").mkdir(parents=True)
        (tmp_path / "locales" / language / "terms.yml").write_text(table, encoding="utf-8")
        (tmp_path / "locales" / language / "LC_MESSAGES" / "exercises.po").write_text(po(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COURSEKIT_ROOT", raising=False)
    return tmp_path


def write(course: Path, language: str, page: str, text: str) -> Path:
    path = course / "locales" / language / "LC_MESSAGES" / "book" / f"{page}.po"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_translation_that_misses_the_term_is_warned_at_its_line(course, capsys):
    write(course, "ar", "intro", po(("The IAEA inspects.", "تفتش هيئة الطاقة."),
                                    ("The Security Council met.", "اجتمع ومجلس الأمن.")))
    assert main(["check"]) == 0   # a warning, not an error: the build still runs
    out = capsys.readouterr().out
    warned = [line for line in out.splitlines() if "locales/ar/LC_MESSAGES/book/intro.po" in line]
    assert len(warned) == 1, out
    assert warned[0].startswith("locales/ar/LC_MESSAGES/book/intro.po:5:0: warning: ")
    assert '"IAEA"' in warned[0] and "الوكالة الدولية للطاقة الذرية" in warned[0]
    assert "1 warning(s)" in out


def test_arabic_is_compared_folded_and_inside_longer_words(tmp_path):
    table = terms.Term(("International Atomic Energy Agency", "IAEA"), ("الوكالة الدولية للطاقة الذرية",), 1)
    catalog = po(("IAEA staff", "موظفو الوكالة الدولية للطاقة الذرّية"),     # a shadda: folded away
                 ("for the IAEA", "للوكالة الدولية للطاقة الذرية"),               # لـ absorbs the alef of al-
                 ("the IAEA board", "مجلس المحافظين"),                            # missed: the one warning
                 ("and the IAEA", "والوكالة الدولية للطاقة الذرية"),              # و prefix
                 ("the iaea-2020 key", "المفتاح"),                                # lower case: not the acronym
                 ("{cite:p}`IAEA` says", "يقول"),                                 # a citation key never shows
                 ("{term}`the Agency <IAEA>`", "{term}`الوكالة الدولية للطاقة الذرية <IAEA>`"))
    path = tmp_path / "ar.po"
    path.write_text(catalog, encoding="utf-8")
    problems = terms.check_catalog(path, [table], "ar")
    assert [p.line for p in problems] == [11]   # "the IAEA board" only


def test_french_ignores_case_and_apostrophe_forms(tmp_path):
    path = tmp_path / "fr.po"
    path.write_text(po(("The IAEA said", "L'Agence internationale de l'énergie atomique a dit"),
                       ("the Organisation of Islamic Cooperation", "l’organisation de la coopération islamique"),
                       ("the OIC", "l'Organisation"),
                       fuzzy="The IAEA again"), encoding="utf-8")
    table = tmp_path / "terms.yml"
    table.write_text(FR_TABLE, encoding="utf-8")
    problems = terms.check_catalog(path, terms.load(table, "fr"), "fr")
    assert [(p.line, '"OIC"' in p.message) for p in problems] == [(11, True)]   # the fuzzy one is not checked


@pytest.mark.parametrize("table, where, says", [
    ("en: [IAEA]\n", ":1:1: error: a term table is a list", "list"),
    ("- en: [IAEA]\n  ar: []\n  source: https://unterm.un.org\n", ":2:3: error: term 1: 'ar' must be a list", "ar"),
    ("- en: [IAEA]\n  ar: [الوكالة]\n  source: unterm\n", ":3:3: error: term 1: 'source' must be", "source"),
    ("- en: [IAEA]\n  ar: [الوكالة]\n  source: https://a.org\n  note: x\n", ":4:3: error: term 1: unknown key 'note'", "note"),
    ("- en: [IAEA\n", ":", "yaml"),
])
def test_a_malformed_table_is_one_located_line(course, capsys, table, where, says):
    (course / "locales" / "ar" / "terms.yml").write_text(table, encoding="utf-8")
    code = main(["check"])
    out = capsys.readouterr()
    lines = [line for line in (out.out + out.err).splitlines() if line.startswith("locales/ar/terms.yml")]
    assert code == 1 and len(lines) == 1, out
    assert where in lines[0], lines[0]
    assert "Traceback" not in out.out + out.err


def test_the_course_tables_are_well_formed():
    for language in ("ar", "fr"):
        assert terms.load(terms.table_path(ROOT, language), language)


def test_a_longer_listed_name_is_not_read_as_the_shorter_one_inside_it(tmp_path):
    """Iran's Supreme National Security Council is not the UN Security Council, once the table lists it;
    the UN council named beside it in the same message is still checked."""
    council = terms.Term(("Security Council",), ("مجلس الأمن",), 1)
    iran = terms.Term(("Supreme National Security Council",), ("المجلس الأعلى للأمن القومي",), 2)
    catalog = po(("Iran's Supreme National Security Council decided", "قرر المجلس الأعلى للأمن القومي الإيراني"),
                 ("The Supreme National Security Council and the Security Council", "المجلس الأعلى للأمن القومي والمجلس"))
    path = tmp_path / "ar.po"
    path.write_text(catalog, encoding="utf-8")
    problems = terms.check_catalog(path, [council, iran], "ar")
    assert [(p.line, "Security Council" in p.message) for p in problems] == [(8, True)]


def test_a_term_inside_code_that_shows_markup_is_not_prose(tmp_path):
    """A guide's example `` {term}`brine` `` is code, not a use of the word."""
    brine = terms.Term(("brine",), ("saumure",), 1)
    catalog = po(("Write `` {term}`brine` `` as shown", "Écrivez `` {term}`brine` `` ainsi"),
                 ("The brine goes back to sea", "Le rejet retourne à la mer"))
    path = tmp_path / "fr.po"
    path.write_text(catalog, encoding="utf-8")
    assert [p.line for p in terms.check_catalog(path, [brine], "fr")] == [8]
