"""Export stage: sentences + pre-labels (+ human annotations) -> versioned HF datasets."""
