"""Cleaning: boilerplate lines, garbled-text signals, a quality score, near-duplicates."""
