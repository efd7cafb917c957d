"""The real book built once per test session in each edition, into temporary folders."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_book


@pytest.fixture(scope="session")
def student_site(tmp_path_factory) -> Path:
    return build_book(tmp_path_factory.mktemp("student"), "student")


@pytest.fixture(scope="session")
def instructor_site(tmp_path_factory) -> Path:
    return build_book(tmp_path_factory.mktemp("instructor"), "instructor")
