"""Ingestion: turn files, directories, URLs, feeds and stdin into Document drafts."""

from detente.ingest.document import Draft, make_document
from detente.ingest.sources import iter_drafts, read_source

__all__ = ["Draft", "iter_drafts", "make_document", "read_source"]
