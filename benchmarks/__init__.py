"""Benchmarks: ``python -m benchmarks [NAME ...]`` runs ``bench_<NAME>.py`` modules and prints
figures. Each module defines ``run() -> list[Figure]``; timing helpers are in ``timing``."""
