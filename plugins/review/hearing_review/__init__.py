"""Built-in plugin hearing_review."""
