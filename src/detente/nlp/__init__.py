"""The NLP backbone: a spaCy English pipeline, chosen by configuration."""

from detente.nlp.backbone import load_nlp, pick_model

__all__ = ["load_nlp", "pick_model"]
