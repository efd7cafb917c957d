"""add-a-question.md's commands, walked exactly as tests/cli/test_guide_commands.py walks the guide's other pages.

In a file of its own because it is the guide's longest walk (the whole course's bank is read at each of
its eight checks): under ``--dist loadfile`` one worker walks it while the other walks the rest.
"""
from __future__ import annotations

import pytest

from tests.cli.test_guide_commands import ADD, needs_site, walk

pytestmark = [pytest.mark.slow] if needs_site(ADD) else []


def test_every_command_of_add_a_question_runs_and_prints_what_the_page_shows(tmp_path, monkeypatch, request,
                                                                            tmp_path_factory):
    walk(ADD, tmp_path, monkeypatch, request, tmp_path_factory.mktemp("exports"))
