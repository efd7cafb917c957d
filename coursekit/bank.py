"""The course's instructor data: every file under ``exercises/``, checked together and indexed."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel

from . import bibliography, layout, strings, translations
from .course import TIMELINE_FILE
from .questions import TYPES, allowed_tries
from .schema.errors import ExerciseError, Problem
from .schema.validate import validate
from .schema.yaml_source import YamlSource, read_yaml
from .sources import weak_source_problems


@dataclass
class Bank:
    """All instructor files of a course. ``problems`` lists everything wrong, errors and warnings."""

    root: Path
    files: dict[Path, BaseModel] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    sources: dict[Path, YamlSource] = field(default_factory=dict, repr=False)
    # files that were read but not valid: their ids are still compared, so a copied item is named at once
    invalid: dict[Path, YamlSource] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, root: Path, paths: list[Path] | None = None, language: str | None = None) -> "Bank":
        """Load ``paths`` (files or folders; default: all of exercises/), collecting every problem.

        Nothing an instructor writes can make this raise: an unreadable file, a folder or a missing
        path becomes a located problem like any other. The models are in ``language`` (default: the
        language in use, ``strings.language()``) wherever its catalog has a current translation.
        """
        bank = cls(Path(root))
        catalog = bank._catalog(language or strings.language())
        for path in yaml_files(paths or [bank.root / "exercises"]):
            if path.exists() and (problem := layout.misnamed(bank.root, path)) is not None:
                bank.problems.append(problem)
                continue
            source = None
            try:
                source = read_yaml(path)
                model = validate(source)
                if (problem := layout.misplaced(bank.root, path, model, source)) is not None:
                    bank.problems.append(problem)   # left out, so it is not listed twice or read as another kind
                    continue
                bank.files[path] = bank._translated(path, source, catalog, model) if catalog else model
                bank.sources[path] = source
            except ExerciseError as exc:
                bank.problems.extend(exc.problems)
                if source is not None:
                    bank.invalid[path] = source
            except FileNotFoundError:
                bank.problems.append(Problem(path, 1, 1, "no such file", "check the path"))
            except OSError as exc:
                bank.problems.append(Problem(path, 1, 1, f"cannot read the file: {exc.strerror or exc}",
                                             "give the path of a readable .yml file or a folder"))
        bank.problems.extend(bank._cross_file_problems())
        return bank

    def translation_problems(self, language: str) -> list[Problem]:
        """What the ``language`` edition of the files read adds: an unreadable catalog, or a translation
        that breaks a file. The files are not read again: ``coursekit check`` loaded the whole bank once
        per language, and reading the YAML was most of its 8 s."""
        edition = Bank(self.root)
        catalog = edition._catalog(language)
        if catalog:
            for path, source in self.sources.items():
                edition._translated(path, source, catalog, self.files[path])
        return edition.problems

    def _catalog(self, language: str):
        try:
            return translations.load(self.root, language)
        except ValueError as exc:
            self.problems.append(Problem(translations.catalog_path(self.root, language), 1, 1, str(exc)))
            return None

    def _translated(self, path: Path, source: YamlSource, catalog, english: BaseModel) -> BaseModel:
        """The file in the catalog's language; the English, with a warning, if a translation breaks it."""
        shown = self.shown(path).removeprefix("exercises/")
        try:
            return validate(replace(source, data=translations.translate(shown, source.data, catalog)))
        except ExerciseError as exc:
            po = self.shown(translations.catalog_path(self.root, str(catalog.locale)))
            self.problems.extend(
                replace(p, severity="warning", message=f"in its {catalog.locale} translation: {p.message}",
                        fix=f"correct that translation in {po}; the English is shown meanwhile")
                for p in exc.problems)
            return english

    def messages(self) -> list[tuple[str, str]]:
        """(context, English) of every prose value in the bank: what a translator translates."""
        return [m for path, source in self.sources.items()
                for m in translations.messages(self.shown(path).removeprefix("exercises/"), source.data)]

    def shown(self, path: Path) -> str:
        """``path`` relative to the course, as messages name files."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def raise_errors(self) -> "Bank":
        if self.errors:
            raise ExerciseError(self.errors)
        return self

    def select(self, kind: str = "*", section: str = "*") -> list[tuple[Path, BaseModel]]:
        """The (path, model) files of ``kind`` for ``section``, by path; "*" matches anything."""
        return [(p, m) for p, m in sorted(self.files.items())
                if kind in ("*", getattr(m, "kind", None)) and section in ("*", getattr(m, "section", None))]

    def of_kind(self, kind: str) -> list[tuple[Path, BaseModel]]:
        return self.select(kind)

    def for_section(self, kind: str, section: str) -> list[tuple[Path, BaseModel]]:
        return self.select(kind, section)

    def timeline(self) -> tuple[Path, BaseModel]:
        found = self.of_kind("timeline")
        if len(found) != 1:
            raise ExerciseError([Problem(self.root / TIMELINE_FILE, 0, 0,
                                         f"expected one timeline file, found {len(found)}",
                                         f"keep the events in {TIMELINE_FILE}")])
        return found[0]

    def _cross_file_problems(self) -> list[Problem]:
        problems: list[Problem] = []
        owners: dict[tuple[str, str], tuple[Path, YamlSource, tuple]] = {}   # an id's first file, and where in it
        references = bibliography.entries(self.root)
        quizzes = [(path, self.sources[path]) for path, _ in self.of_kind("quiz")]
        quizzes += [(path, source) for path, source in self.invalid.items()
                    if isinstance(source.data, dict) and source.data.get("kind") == "quiz"]
        for path, source in sorted(quizzes, key=lambda found: (_age(found[0]), found[0])):
            for loc, what, value in _ids(source.data):
                first, first_source, first_loc = owners.setdefault((what, value), (path, source, loc))
                if first != path:   # the first copy's line is looked up only for a copy
                    problems.append(source.problem(loc, f"{what} id {value!r} is already used in "
                                                        f"{self.shown(first)}:{first_source.position(first_loc)[0]}",
                                                   "ids must be unique across the course; rename this one"))
        for path, model in self.of_kind("quiz"):
            source = self.sources[path]
            for n, item in enumerate(model.items):
                if item.source and item.source.cite and item.source.cite.lower() not in references:
                    problems.append(source.problem(("items", n, "source", "cite"),
                                                   f"no bibliography entry {item.source.cite!r}",
                                                   "add it to a .bib file listed under bibtex_bibfiles in _config.yml, "
                                                   "or give `url:` and `title:` instead"))
            assessed = {o for item in model.items for o in item.objectives}
            for n, objective in enumerate(model.objectives):
                if objective.id not in assessed:
                    problems.append(source.problem(("objectives", n, "id"),
                                                   f"objective {objective.id!r} is assessed by no item",
                                                   "tag at least one item with it under `objectives:`", "warning"))
        problems.extend(self._capped_tries())
        problems.extend(self._missing_criteria())
        problems.extend(self._skewed_true_false())
        problems.extend(weak_source_problems(self.root, self.of_kind("timeline"), self.sources))
        problems.extend(layout.unshown(self.root, self))
        return problems

    def _capped_tries(self) -> list[Problem]:
        """A warning for each choice item whose quiz asks, in its file, for more scored tries than the
        item's options minus one: the page allows fewer (questions.allowed_tries), since trying every option in
        turn would otherwise earn full marks."""
        found = []
        for path, model in self.of_kind("quiz"):
            wanted = model.settings.show_answer_after
            if "show_answer_after" not in model.settings.model_fields_set:
                continue
            for n, item in enumerate(model.items):
                allowed = allowed_tries(item, wanted)
                if allowed < wanted:
                    found.append(self.sources[path].problem(
                        ("items", n, "id"),
                        f"item {item.id!r} has {TYPES[item.type].options(item)} options, so it allows {allowed} "
                        f"scored {'try' if allowed == 1 else 'tries'}, not the {wanted} of `show_answer_after`",
                        f"set `show_answer_after: {allowed}` or lower, or give the item more choices", "warning"))
        return found

    def _missing_criteria(self) -> list[Problem]:
        """A warning for each free-response exercise without criteria: its students would see a prompt
        and a text box but not what a good answer covers."""
        return [self.sources[path].problem(("exercises", n, "id"),
                                           f"free-response exercise {exercise.id!r} has no criteria, so students "
                                           "are not shown what a good answer covers",
                                           "add `criteria:` with 2-5 short points, each what a good answer does "
                                           "(not the answer itself)", "warning")
                for path, model in self.of_kind("free_response") for n, exercise in enumerate(model.exercises)
                if not exercise.criteria]

    def _skewed_true_false(self) -> list[Problem]:
        """A warning, at a quiz file's ``items:``, when most of its true/false items share one answer: a
        student who always answers that way would score well without knowing anything."""
        problems = []
        for path, model in self.of_kind("quiz"):
            answers = [item.answer for item in model.items if item.type == "true_false"]
            if len(answers) < TRUE_FALSE_MINIMUM:
                continue
            same = max(answers.count(True), answers.count(False))
            if same / len(answers) >= TRUE_FALSE_SKEW:
                keyed = "true" if answers.count(True) == same else "false"
                problems.append(self.sources[path].problem(
                    ("items",), f"{same} of the {len(answers)} true/false items are keyed {keyed}, so always "
                                f"answering {keyed} scores {same}/{len(answers)} on them",
                    f"rewrite some statements so that about as many are {'false' if keyed == 'true' else 'true'} "
                    f"as {keyed}", "warning"))
        return problems


# A file's true/false items are skewed from three on (two alike is a coin's even chance), when this
# share of them has one answer.
TRUE_FALSE_MINIMUM, TRUE_FALSE_SKEW = 3, 0.75


def _ids(data) -> list[tuple[tuple, str, str]]:
    """(location, what, id) of a quiz file's own id and its item and objective ids, read from the YAML as
    written, so that a file with other errors (a copied item's objectives, say) has its ids checked too."""
    if not isinstance(data, dict):
        return []
    keys = [(("id",), "quiz", data.get("id"))]
    for name, what in (("items", "item"), ("objectives", "objective")):
        entries = data.get(name)
        if isinstance(entries, list):
            keys += [((name, n, "id"), what, entry.get("id")) for n, entry in enumerate(entries) if isinstance(entry, dict)]
    return [(loc, what, value) for loc, what, value in keys if isinstance(value, str)]


def _age(path: Path) -> int:
    """When a file was last changed (older files keep their ids; a newer copy is the one reported)."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def yaml_files(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file()))
        else:
            found.append(path)
    return found


def course_bank(root: Path) -> Bank:
    """The whole course's bank in the language in use; raises on any error. Reloaded when a file changes."""
    language = strings.language()
    files = yaml_files([Path(root) / "exercises"])
    catalog = translations.catalog_path(root, language)
    if catalog.is_file():
        files.append(catalog)
    return _cached_bank(Path(root), language, tuple((p, p.stat().st_mtime_ns, p.stat().st_size) for p in files))


@lru_cache(maxsize=4)
def _cached_bank(root: Path, language: str, fingerprint: tuple) -> Bank:
    return Bank.load(root, language=language).raise_errors()
