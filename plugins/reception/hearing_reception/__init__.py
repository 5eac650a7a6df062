"""Built-in plugin hearing_reception."""
