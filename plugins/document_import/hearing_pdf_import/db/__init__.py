"""Persistence of imported documents (文书导入存储): tables, repository, content-addressed file store."""
