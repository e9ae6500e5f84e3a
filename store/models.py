"""Models: see docs/data-model.md."""
