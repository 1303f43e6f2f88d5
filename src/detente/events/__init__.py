"""Placeholder until the events stage lands."""
