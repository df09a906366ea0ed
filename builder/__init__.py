"""news-dataset-builder: raw news documents in, annotated NLP datasets out."""

__version__ = "0.1.0"
