"""Every service test that uses the `database` fixture runs on SQLite and on PostgreSQL."""

from tests.postgres import parametrize_backends as pytest_generate_tests  # noqa: F401
