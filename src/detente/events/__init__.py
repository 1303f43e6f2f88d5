"""Events: PLOVER types with CAMEO codes, modality, dates and places, extracted per document."""
