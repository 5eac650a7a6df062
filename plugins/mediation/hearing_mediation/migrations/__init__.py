"""Migrations of the mediation plugin's piccolo app (``mediation``)."""
