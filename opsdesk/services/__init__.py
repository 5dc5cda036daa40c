"""Use cases as plain functions taking a session: shared by the GUI, the CLI and tests."""
