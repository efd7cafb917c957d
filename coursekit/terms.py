"""The term tables: every translation uses the standard name of each key term in its language.

``locales/<language>/terms.yml`` lists the course's key terms: ``{en: [English forms], <language>:
[accepted names], source: URL}`` (the UN's, the OIC's or the IAEA's own usage). A translated message whose
English contains one of ``en`` must contain one of the accepted names; otherwise ``coursekit check`` warns
at the message's line of its ``.po`` file, naming the English term and the names it expected. One
inconsistent name (three translators, three words for "safeguards") is what a reader of a translated
edition notices first, and what no spell checker finds.

Matching follows how each language is written. English forms are whole words: an all-capitals acronym
(IAEA, NPT) exactly, anything else in any case. Arabic is compared after the folding of quiz answers
(:func:`coursekit.schema.common.normalise`: hamza forms, diacritics, tatweel, taa marbuta), as a
substring, so a name with a prefix (و, بـ) still counts, and so does one after لـ, which absorbs the alef
of al- (للوكالة). French ignores case, and ’ equals '.
Markup that never shows is left out of the English first: citation keys, link URLs, the ``<target>`` of
a role, inline code; a message is checked only where it has a current (not fuzzy) translation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from .schema.common import normalise
from .schema.errors import ExerciseError, Problem
from .schema.yaml_source import read_yaml

TABLE = "terms.yml"

_ROLE = re.compile(r"\{([\w:.-]+)\}`([^`]*)`")
_TARGET = re.compile(r"(?<=\S)\s*<[^<>]*>$")        # {term}`Text <target>`: the target never shows
_LINK_URL = re.compile(r"\]\([^)]*\)")
_CODE = re.compile(r"`[^`]*`")
_LONG_CODE = re.compile(r"(`{2,})(?!`).+?(?<!`)\1(?!`)")   # `` {term}`brine` ``: code showing markup
_URL = re.compile(r"https?://\S+")


def _role_text(match: re.Match) -> str:
    """What a role shows: nothing for a citation (its key), else its text without an explicit target."""
    name, content = match.groups()
    return " " if name.startswith("cite") else _TARGET.sub("", content)


@dataclass(frozen=True)
class Term:
    english: tuple[str, ...]
    names: tuple[str, ...]
    line: int

    def uses(self, english: str) -> list[tuple[str, int, int]]:
        """Every place ``english`` uses one of the English forms: (form, start, end)."""
        return [(form, m.start(), m.end()) for form in self.english for m in _form_pattern(form).finditer(english)]


@lru_cache(maxsize=None)
def _form_pattern(form: str) -> re.Pattern:
    """One English form as whole words, compiled once: ``coursekit check`` tries each form on every
    translated message of every catalog (737,000 times for the course), and building the pattern
    each time was half of the command's 8 s."""
    words = r"\s+".join(re.escape(w) for w in form.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", 0 if form.isupper() else re.IGNORECASE)


def _used(english: str, terms: list[Term]) -> list[tuple[Term, str]]:
    """(term, form) for each term ``english`` uses outside a longer term of the table: "Supreme National
    Security Council" is that council, not the UN Security Council, once the table lists it."""
    places = [(term, *place) for term in terms for place in term.uses(english)]
    used = {}
    for term, form, start, end in places:
        inside = any(other is not term and s <= start and end <= e and e - s > end - start
                     for other, _, s, e in places)
        if not inside:
            used.setdefault(id(term), (term, form))
    return list(used.values())


_LAM_AL = re.compile(r"(?<!\S)([وف]?)لل")   # li- + al- is written لل: للوكالة is ل + الوكالة


def _fold(language: str, text: str) -> str:
    if language == "ar":
        return normalise(_LAM_AL.sub(r"\1لال", text))
    return " ".join(text.replace("’", "'").casefold().split())


def shown_english(text: str) -> str:
    """The English of a message without the markup a reader never sees (see the module docstring)."""
    text = _LONG_CODE.sub(" ", text)
    text = _ROLE.sub(_role_text, text)
    text = _LINK_URL.sub("]", text)
    text = _CODE.sub(" ", text)
    return _URL.sub(" ", text)


def table_path(root: Path, language: str) -> Path:
    return Path(root) / "locales" / language / TABLE


def load(path: Path, language: str) -> list[Term]:
    """The terms of one table; a malformed table raises ExerciseError with one located problem."""
    source = read_yaml(path)
    data = source.data
    if not isinstance(data, list):
        raise ExerciseError([source.problem((), "a term table is a list of terms",
                                            f"start each term with '- en: [...]' and give '{language}:' and 'source:'")])
    terms = []
    for n, entry in enumerate(data):
        if not isinstance(entry, dict):
            raise ExerciseError([source.problem((n,), f"term {n + 1} is not a mapping",
                                                f"write it as '- en: [...]' with '{language}:' and 'source:' under it")])
        for key in ("en", language):
            forms = entry.get(key)
            if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f.strip() for f in forms):
                raise ExerciseError([source.problem((n, key) if key in entry else (n,),
                                                    f"term {n + 1}: '{key}' must be a list of one or more names",
                                                    f"write {key}: [name, other name]")])
        url = entry.get("source")
        if not isinstance(url, str) or not url.startswith("https://"):
            raise ExerciseError([source.problem((n, "source") if "source" in entry else (n,),
                                                f"term {n + 1}: 'source' must be the https:// address of the usage",
                                                "give the page (UNTERM, the OIC, the IAEA) that uses these names")])
        unknown = sorted(set(entry) - {"en", language, "source"})
        if unknown:
            raise ExerciseError([source.problem((n, unknown[0]), f"term {n + 1}: unknown key '{unknown[0]}'",
                                                f"use only en, {language} and source")])
        terms.append(Term(tuple(entry["en"]), tuple(entry[language]), source.position((n,))[0]))
    return terms


def catalogs(root: Path, language: str) -> list[Path]:
    """Every .po file of ``language``: the exercise files' and every page's."""
    folder = Path(root) / "locales" / language / "LC_MESSAGES"
    return sorted(folder.rglob("*.po")) if folder.is_dir() else []


def check_catalog(path: Path, terms: list[Term], language: str) -> list[Problem]:
    """A warning for each translated message of ``path`` that misses a term's accepted names."""
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, abort_invalid=True)
    except (PoFileError, ValueError, UnicodeDecodeError) as exc:
        return [Problem(path, 0, 0, f"cannot read this catalog ({exc})",
                        "fix the line it names or restore the file from version control")]
    found, names = [], {term: [_fold(language, name) for name in term.names] for term in terms}
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or not message.string or message.fuzzy:
            continue
        english, translation = shown_english(message.id), _fold(language, str(message.string))
        for term, form in _used(english, terms):
            if not any(name in translation for name in names[term]):
                expected = ", ".join(term.names)
                found.append(Problem(path, message.lineno or 0, 0,
                                     f'the English uses "{form}"; the translation has none of its names: {expected}',
                                     f"use one of: {expected} (locales/{language}/{TABLE})", "warning"))
    return found


def check(root: Path, language: str) -> list[Problem]:
    """Every term problem of ``language``: a malformed table (one error), or the catalogs' warnings."""
    path = table_path(root, language)
    if not path.is_file():
        return []
    try:
        terms = load(path, language)
    except ExerciseError as exc:
        return list(exc.problems)
    return [problem for catalog in catalogs(root, language) for problem in check_catalog(catalog, terms, language)]
