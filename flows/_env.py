"""Offline-friendly Prefect defaults, applied before Prefect is imported (STACK_NOTES.md).

A user's own environment wins: only unset variables get these values.
"""

import os

DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # no telemetry calls from an offline machine
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",  # 20 s default is tight on 2 cores
    "PREFECT_LOGGING_LEVEL": "WARNING",  # the CLI prints its own summary
}
for _name, _value in DEFAULTS.items():
    os.environ.setdefault(_name, _value)
