"""Fault drills: the real bot, killed, starved and refused, must lose nothing and double nothing.

A quick version runs with every `pytest`; `DRILLS=long .venv/bin/pytest tests/drills -s`
runs the long one (200 clients and 20 kills, and longer faults). Each drill prints its seed;
`DRILL_SEED=<seed>` replays the same clients, answers and kill moments.
"""
