"""Printable quiz papers: versions A and B of a section's quiz, and their answer key, as PDF.

:mod:`.draw` chooses each version's items so both assess the same objectives, :mod:`.html` writes the
pages (each question type's ``paper`` writer gives what to answer on paper, its ``answer`` writer the key),
and :mod:`.pdf` prints them with Debian's Chromium. This package's root imports nothing.
"""

VERSIONS = ("A", "B")
