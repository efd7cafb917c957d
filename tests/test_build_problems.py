"""The build's stop names the pages that read a broken file, and only those: a guide page that shows a
section id in an example (a ```md block, inline code) does not read it; a page whose directive or code
names the section does."""
from __future__ import annotations

import json
from pathlib import Path

from coursekit.course import Course
from coursekit.build_problems import readers

GUIDE = """# Adding a question

Run `coursekit paper part1/water`, (it says ``section 'part1/water' ... `section: part1/water` ...``), or add this block to the page:

````md
```{free-response} part1/water
```
````
"""
HANDOUT = """# Handout

```{discussion-prompts} part1/water
```
"""


def test_only_pages_whose_code_or_directives_name_the_section_read_its_files(tmp_path: Path):
    (tmp_path / "_config.yml").write_text("title: T\n", encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: book/intro\nchapters:\n  - file: book/part1/water\n"
                                       "  - file: book/guide\n  - file: book/handout\n  - file: book/review\n",
                                       encoding="utf-8")
    book = tmp_path / "book"
    (book / "part1").mkdir(parents=True)
    (book / "intro.md").write_text("# Intro\n", encoding="utf-8")
    (book / "part1" / "water.md").write_text("# Water\n", encoding="utf-8")
    (book / "guide.md").write_text(GUIDE, encoding="utf-8")
    (book / "handout.md").write_text(HANDOUT, encoding="utf-8")
    review = {"cells": [{"cell_type": "markdown", "source": ["Example: `show_quizzes(\"part1/water\")`"]},
                        {"cell_type": "code", "source": ["show_quizzes(\"part1/water\")"], "outputs": []}]}
    (book / "review.ipynb").write_text(json.dumps(review), encoding="utf-8")
    quiz = tmp_path / "exercises" / "part1" / "water" / "quiz.yml"
    quiz.parent.mkdir(parents=True)
    quiz.write_text("kind: quiz\n", encoding="utf-8")
    assert readers(Course(tmp_path), quiz) == ["book/part1/water.md", "book/handout.md", "book/review.ipynb"]
