"""Placeholder until the quotes stage lands."""
