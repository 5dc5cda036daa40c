"""Persistence: SQLModel tables, engine and sessions, migrations, audit trail, backups."""
