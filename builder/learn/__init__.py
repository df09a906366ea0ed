"""Learning from human corrections: heuristic weights and classifiers, used only when they win."""
