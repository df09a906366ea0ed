"""Sentiment labeling functions (placeholder until the entities family lands)."""
