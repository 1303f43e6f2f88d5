"""Placeholder until the docanalysis stage lands."""
