"""Persistence: SQLModel tables, the async engine, repository functions and migrations."""
