"""Imports every bundled stage module so their stages are registered (see pipeline.registry)."""

import detente.actors.stage  # noqa: F401
import detente.clean.stage  # noqa: F401
import detente.docanalysis.stage  # noqa: F401
import detente.events.stage  # noqa: F401
import detente.nlp.stage  # noqa: F401
import detente.quotes.stage  # noqa: F401
