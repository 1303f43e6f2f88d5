"""Placeholder until the actors stage lands."""
