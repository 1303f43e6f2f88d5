"""Registers the events stage (not built yet)."""
