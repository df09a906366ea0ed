"""Label Studio: labeling config, tasks and conversions (pure), then the client and sync."""
