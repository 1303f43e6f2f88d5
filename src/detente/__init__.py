"""detente: sourced, structured data from news about wars and the talks to end them.

>>> import detente
>>> result = detente.analyze("Kremlin spokesman Dmitry Peskov said talks would go on.")
>>> result.to_dict()["schema"]
'detente.analysis/1'
"""

import os

# detente parallelises by processes (n_process, Ray workers), one stage at a time per process:
# BLAS threads for its small matrix products only wake and spin on the other cores (measured:
# 0.6 CPU-seconds per 200 bench documents, and slower wall time on two cores). Set before numpy
# loads; a value the user set wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from detente.config import Config, load_config
from detente.errors import DetenteError, ErrorRecord
from detente.facts import SCHEMA, Analysis, Document
from detente.pipeline.runner import Pipeline, analyze, analyze_many

__version__ = "0.1.0"

__all__ = [
    "SCHEMA",
    "Analysis",
    "Config",
    "DetenteError",
    "Document",
    "ErrorRecord",
    "Pipeline",
    "__version__",
    "analyze",
    "analyze_many",
    "load_config",
]
