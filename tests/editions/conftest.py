"""The real book in each edition, shared with the rest of the suite (tests/conftest.py builds each once)."""
from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def student_site(site) -> Path:
    """The student edition: the suite's ``site`` (./test's build, reused while current)."""
    return site
