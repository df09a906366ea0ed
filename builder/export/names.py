"""Names shared by the export modules, kept free of heavy imports (the CLI loads them at start)."""

CONFIGS = ("ner", "claims", "sentiment")
SPLITS = ("train", "validation", "test")
SOURCES = ("gold", "silver")  # a human-resolved label, or a heuristic pre-label
