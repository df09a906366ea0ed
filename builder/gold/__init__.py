"""Gold labels from human annotations: reading snapshots and resolving several annotations."""
