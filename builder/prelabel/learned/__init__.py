"""A learned voter among the heuristics: the entity sequence model `builder learn` trains."""
