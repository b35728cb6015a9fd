"""Benchmarks of validating, loading and computing figures at the size of ten years of
returns (see ``benchmarks/README.md``)."""
