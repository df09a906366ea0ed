"""Dataset versions: listing, semantic bumps, and diffs between two versions."""
