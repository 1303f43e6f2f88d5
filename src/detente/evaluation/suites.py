"""Imports the bundled evaluator modules so they register themselves."""

import detente.evaluation.quality  # noqa: F401
