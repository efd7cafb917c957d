"""Helpers shared by the test suite and the benchmarks: one browser launch, one static server, one book build.

A top-level package (not part of the coursekit wheel: pyproject's package find includes ``coursekit*``
only) so that ``tests/`` and ``benchmarks/`` both import it and neither imports the other.
"""
