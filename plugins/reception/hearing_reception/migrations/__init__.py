"""Migrations of the reception plugin's piccolo app (领导接访)."""
