"""Registers the actors stage (not built yet)."""
