"""detente: sourced, structured data from news about wars and the talks to end them.

>>> import detente
>>> result = detente.analyze("Kremlin spokesman Dmitry Peskov said talks would go on.")
>>> result.to_dict()["schema"]
'detente.analysis/1'
"""

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
