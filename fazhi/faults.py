"""Fault injection for the reliability suite: named checkpoints a test can make the run die at.

FAZHI_FAULT_AT=<checkpoint> (optionally FAZHI_FAULT_AFTER=<n>: the n-th time it is reached, default 1)
makes the process group receive SIGKILL there, as `kill -9` of the whole run would. Unset (always,
outside tests), a checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

CHECKPOINTS = (
    "discover:done",  # inputs found, nothing read yet
    "read:item",  # after each document is read
    "extract:item",  # after each document's statistics are found
    "gate:validating",  # GX validation under way
    "publish:copied",  # the warehouse copy exists, nothing written to it
    "publish:in_transaction",  # inside the publish transaction, after the facts are inserted
    "publish:committed",  # committed and checkpointed in the copy, not yet swapped in
    "publish:swapped",  # the new warehouse is in place; the flow has not reported yet
)
_hits: Counter[str] = Counter()


def checkpoint(name: str) -> None:
    """Die here (SIGKILL to the process group) when FAZHI_FAULT_AT names this checkpoint."""
    if os.environ.get("FAZHI_FAULT_AT") != name:
        return
    _hits[name] += 1
    if _hits[name] >= int(os.environ.get("FAZHI_FAULT_AFTER", "1")):
        os.killpg(os.getpgrp(), signal.SIGKILL)
