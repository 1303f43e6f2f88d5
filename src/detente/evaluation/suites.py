"""Imports the bundled evaluator modules so they register themselves."""

import detente.evaluation.actors
import detente.evaluation.docanalysis
import detente.evaluation.quality  # noqa: F401
