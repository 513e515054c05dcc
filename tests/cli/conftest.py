"""The synthetic panel warehouse for CLI tests."""

from tests.marts.conftest import panel_warehouse  # noqa: F401
