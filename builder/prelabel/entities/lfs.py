"""Entity labeling functions (placeholder until the entities family lands)."""
