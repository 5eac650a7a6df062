"""Petition register (信访登记): items, matters, dispositions, backlog, import."""
