"""The NLP backbone: a spaCy English pipeline, chosen by configuration."""

from detente.nlp.backbone import doc_text, load_nlp, pick_model

__all__ = ["doc_text", "load_nlp", "pick_model"]
