"""Claim and check-worthiness labeling functions (placeholder until the entities family lands)."""
