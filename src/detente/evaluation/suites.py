"""Imports the bundled evaluator modules so they register themselves."""

import detente.evaluation.actors
import detente.evaluation.docanalysis
import detente.evaluation.events
import detente.evaluation.garbling
import detente.evaluation.negotiation
import detente.evaluation.quality
import detente.evaluation.quotes  # noqa: F401
