"""Weak sources (coursekit.sources): located warnings from `coursekit check`, and the course's own share."""
from __future__ import annotations

from pathlib import Path

from coursekit.bank import Bank
from coursekit.sources import bib_citations, is_weak, timeline_citations, weak_domains
from tests.conftest import course_bank

ROOT = Path(__file__).resolve().parent.parent

DOMAINS = """\
# document mirrors
docslib.org
blogspot.com   # personal blogs
"""

BIB = """\
% a comment line
@misc{at-home,
  title = {Resolution 487 (1981)},
  url   = {https://undocs.org/S/RES/487(1981)},
}

@misc{mirror,
  title = {A copy},
  url   = {https://docslib.org/doc/1/a-copy},
}

@book{no-url,
  title = {A printed book},
  year  = {1999},
}
"""

TIMELINE = """\
kind: timeline
themes: {nuclear: "Nuclear"}
events:
  - id: mixed
    date: "1981-06-19"
    title: "Resolution 487"
    summary: "Adopted."
    themes: [nuclear]
    actors: ["UN Security Council"]
    section: part2/nonproliferation
    sources:
      - {title: "S/RES/487", url: "https://undocs.org/S/RES/487(1981)"}
      - {title: "A blog", url: "https://someone.blogspot.com/2008/04/post.html"}
  - id: only-weak
    date: "2008-03-07"
    title: "A conference"
    summary: "Held."
    themes: [nuclear]
    actors: ["OIC"]
    section: part2/nonproliferation
    sources:
      - {title: "A copy", url: "https://DOCSLIB.org/doc/2"}
"""


def course(tmp_path: Path, domains: str | None = DOMAINS) -> Path:
    (tmp_path / "_config.yml").write_text("bibtex_bibfiles: [refs.bib]\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "timeline.yml").write_text(TIMELINE, encoding="utf-8")
    if domains is not None:
        (tmp_path / "book" / "references").mkdir(parents=True)
        (tmp_path / "book" / "references" / "weak-domains.txt").write_text(domains, encoding="utf-8")
    return tmp_path


def test_the_list_ignores_comments_and_blank_lines(tmp_path):
    assert weak_domains(course(tmp_path)) == {"docslib.org", "blogspot.com"}


def test_a_domain_matches_itself_and_its_subdomains_only():
    domains = frozenset({"docslib.org", "blogspot.com"})
    assert is_weak("https://docslib.org/doc/1", domains)
    assert is_weak("https://iqtishad.blogspot.com/2008/04/x.html", domains)
    assert is_weak("https://WWW.DocsLib.org./x", domains)
    assert not is_weak("https://notdocslib.org/x", domains)
    assert not is_weak("https://www.iaea.org/docslib.org", domains)
    assert not is_weak("not a url", domains)


def test_check_warns_at_each_weak_url_and_each_event_with_only_weak_sources(tmp_path):
    bank = Bank.load(course(tmp_path))
    assert bank.errors == []
    warnings = sorted((p.path.name, p.line, p.message) for p in bank.problems)
    assert warnings == [
        ("refs.bib", 9, "weak source: docslib.org is listed in book/references/weak-domains.txt"),
        ("timeline.yml", 13, "weak source: someone.blogspot.com is listed in book/references/weak-domains.txt"),
        ("timeline.yml", 14, "event 'only-weak' rests only on weak sources"),
        ("timeline.yml", 22, "weak source: docslib.org is listed in book/references/weak-domains.txt"),
    ]
    assert all(p.severity == "warning" and "home" in p.fix for p in bank.problems)


def test_a_course_without_a_list_gets_no_warnings(tmp_path):
    assert Bank.load(course(tmp_path, domains=None)).problems == []


def test_an_unreadable_list_is_one_located_warning_not_a_traceback(tmp_path):
    root = course(tmp_path)
    (root / "book" / "references" / "weak-domains.txt").write_bytes(b"docslib.org\n\xff\xfe\n")
    [problem] = Bank.load(root).problems
    assert problem.path.name == "weak-domains.txt" and problem.line == 1 and problem.severity == "warning"
    assert "cannot check sources" in problem.message and "UTF-8" in problem.fix


def test_every_bibliography_entry_is_counted_with_or_without_a_url(tmp_path):
    cited = bib_citations(course(tmp_path))
    assert [(c.line, c.url) for c in cited] == [
        (4, "https://undocs.org/S/RES/487(1981)"), (9, "https://docslib.org/doc/1/a-copy"), (12, "")]


def test_the_course_keeps_weak_citations_under_three_percent_and_no_event_rests_only_on_them():
    domains = weak_domains(ROOT)
    assert len(domains) >= 20, "the list of weak domains is missing or was emptied"
    bank = course_bank()
    timelines = bank.of_kind("timeline")
    cited = bib_citations(ROOT) + timeline_citations(timelines, bank.sources)
    weak = [f"{c.path.name}:{c.line}: {c.url}" for c in cited if is_weak(c.url, domains)]
    assert len(cited) > 400
    assert len(weak) / len(cited) <= 0.03, f"{len(weak)} of {len(cited)} citations are weak:\n" + "\n".join(weak)
    only_weak = [event.id for _, model in timelines for event in model.events
                 if all(is_weak(str(s.url), domains) for s in event.sources)]
    assert only_weak == []
