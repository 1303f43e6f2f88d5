"""Quotes and attribution: who said what, directly, indirectly or in mixed speech."""
