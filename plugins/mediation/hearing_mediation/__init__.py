"""Built-in plugin hearing_mediation."""
