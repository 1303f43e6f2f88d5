"""Registers the docanalysis stage (not built yet)."""
