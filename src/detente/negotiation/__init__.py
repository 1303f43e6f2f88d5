"""Negotiation tracking: proposals, issues and parties' positions (stage ``positions``).

Corpus views over many analyses are in :mod:`detente.negotiation.views`.
"""
