"""Running the pipeline over corpora larger than one ingest: `detente run --engine local|ray`.

Both engines map the pipeline over documents, then run the global stages on the driver:
near-duplicate marking in input order, and (for Parquet output) cross-article event merging
into ``merged_events.parquet``. They write Parquet or load a store.
"""

from detente.scale.output import RunReport, is_store_target

__all__ = ["RunReport", "is_store_target"]
