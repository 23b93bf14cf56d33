"""Bulk work without Python's cycle collector.

Reading or writing thousands of documents keeps millions of small objects alive (node trees, dicts, models), none
of them in reference cycles; each full collection walks all of them again, so the collector's time grows with the
square of the caseload (half of an import of 10,000 cases). ``gc_paused`` turns it off for such a run and on again
after, collecting once.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused(promote: bool = False) -> Iterator[None]:
    """``promote``: what was made during the pause goes to the oldest generation when the collector is turned on
    again (``gc.freeze`` then ``gc.unfreeze``: no collection, the counts start afresh), instead of being walked by
    the young collection the first allocation after would start (~20-35 ms after a report, whose process ends
    anyway). Cycles among those objects are still freed, by the next full collection."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if promote:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
