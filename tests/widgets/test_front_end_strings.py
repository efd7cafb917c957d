"""Each front end's user-interface strings: every one it reads exists, and a widget module ships none it
never reads (they travel in every page that shows the widget, keyed without their section)."""
from __future__ import annotations

import re

import pytest

from coursekit.sphinxext.assets import classic_script, page_script
from coursekit.strings import section
from coursekit.widgets.base import module_source

READ = re.compile(r"(?<![\w.])(?:s|strings)\.([A-Za-z]+)\b")   # s.check, strings.imported


@pytest.mark.parametrize("name", ["quiz", "timeline"])
def test_a_widget_module_reads_every_string_it_ships_and_ships_every_string_it_reads(name):
    source, shipped = module_source(name), section(name)
    assert set(READ.findall(source)) <= set(shipped)
    unread = {key for key in shipped if not re.search(rf'(?<![\w.])s\.{key}\b|"{key}"', source)}
    assert not unread, f"{name}: strings only Python writes belong in a section of their own: {sorted(unread)}"
    assert f'"{next(iter(shipped))}":' in classic_script(name) and f'"{name}.' not in classic_script(name)


@pytest.mark.parametrize(("script", "strings"), [
    ("progress", section("progress")), ("continue", section("continue")), ("reading", section("read")),
    ("answers", section("answer"))])
def test_a_page_script_reads_only_strings_its_page_gives_it(script, strings):
    used = set(READ.findall(page_script(script)))
    assert used and used <= set(strings)
