"""Imports every bundled stage module so their stages are registered (see pipeline.registry)."""

import detente.actors.stage
import detente.clean.stage
import detente.docanalysis.stage
import detente.events.stage
import detente.negotiation.stage
import detente.nlp.stage
import detente.quotes.stage  # noqa: F401
