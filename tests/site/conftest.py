"""Fixtures for the site-quality tests (helpers are in tests/site/helpers.py)."""
from __future__ import annotations

import pytest

from tests.site.helpers import AXE


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (./test runs npm ci)")
    return AXE.read_text(encoding="utf-8")
