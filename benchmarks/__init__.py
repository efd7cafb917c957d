"""The project's benchmarks: one module per group of measurements, run by ``benchmarks/run.py`` (or
``python -m benchmarks``). Browser and server helpers come from ``support/``, shared with the tests."""
