"""Named exceptions with stable codes.

Every error detente raises on purpose is a :class:`DetenteError` with a short, stable ``code``
(safe to match on in scripts and in the REST API) and a one-line message that names the input
and the reason. ``str(err)`` is that line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class DetenteError(Exception):
    """Base class: ``code`` is stable, ``source`` names the input (file, URL, line) if any."""

    code: str = "detente_error"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "source": self.source}


class ConfigError(DetenteError):
    code = "config_invalid"


# --- ingestion -------------------------------------------------------------------------------


class IngestError(DetenteError):
    code = "ingest_failed"


class EmptyInputError(IngestError):
    code = "input_empty"


class BinaryInputError(IngestError):
    code = "input_binary"


class InputTooLargeError(IngestError):
    code = "input_too_large"


class DecodeError(IngestError):
    code = "input_undecodable"


class MalformedInputError(IngestError):
    code = "input_malformed"


class UnsupportedInputError(IngestError):
    code = "input_unsupported"


class FetchError(IngestError):
    code = "fetch_failed"


class FetchTimeoutError(FetchError):
    code = "fetch_timeout"


class BlockedAddressError(FetchError):
    code = "address_blocked"


# --- knowledge ---------------------------------------------------------------------------------


class KnowledgeError(DetenteError):
    """A knowledge file (actor dictionary, patterns, keywords) is malformed or inconsistent."""

    code = "knowledge_invalid"


# --- pipeline / analysis -------------------------------------------------------------------------


class PipelineError(DetenteError):
    code = "pipeline_invalid"


class ModelNotFoundError(PipelineError):
    code = "model_missing"


class AnalysisError(DetenteError):
    code = "analysis_failed"


# --- storage -------------------------------------------------------------------------------------


class StoreError(DetenteError):
    code = "store_failed"


class StoreLockedError(StoreError):
    code = "store_locked"


class StoreUnwritableError(StoreError):
    code = "store_unwritable"


class SchemaVersionError(StoreError):
    code = "store_schema_newer"


class NotFoundError(DetenteError):
    code = "not_found"


@dataclass(frozen=True)
class ErrorRecord:
    """What a batch keeps about one input that failed, so the batch can go on."""

    source: str
    code: str
    message: str

    @classmethod
    def from_exception(cls, source: str, exc: BaseException) -> ErrorRecord:
        if isinstance(exc, DetenteError):
            return cls(source=exc.source or source, code=exc.code, message=exc.message)
        # Unexpected exceptions still become one line; the type name tells a developer where.
        return cls(source=source, code="internal_error", message=f"{type(exc).__name__}: {exc}")

    def __str__(self) -> str:
        return f"{self.source}: [{self.code}] {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "code": self.code, "message": self.message}
