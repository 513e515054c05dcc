"""A load without Prefect for crash tests: `python -m tests.reliability.driver WAREHOUSE SOURCE...`.

Same stages and fault checkpoints as `fazhi run` (fazhi.pipeline.run_local), under the same
warehouse lock, minus the ~10-20 s of Prefect start-up, so many kill points stay affordable.
Exit codes follow the CLI: 0 all published/unchanged, 3 some quarantined, 4 nothing published.
"""

from __future__ import annotations

import json
import sys

from fazhi.config import Settings
from fazhi.model import FazhiError
from fazhi.pipeline import run_local
from fazhi.warehouse.lock import load_lock


def main(argv: list[str]) -> int:
    """Load argv[1:] into warehouse argv[0]; print the audit row as JSON."""
    settings = Settings.from_env(argv[0])
    try:
        with load_lock(settings.warehouse, settings.lock_wait_seconds):
            summary = run_local(argv[1:], settings)
    except FazhiError as exc:
        print(f"fazhi: {exc}", file=sys.stderr)
        return 4
    print(json.dumps(summary.audit, default=str))
    return 3 if summary.any_quarantined else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
