"""Registers the quotes stage (not built yet)."""
