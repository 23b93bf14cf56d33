"""``store.gcpause.gc_paused``: the collector off for bulk work and on again after; with ``promote`` the objects
made during the pause are moved to the oldest generation instead of being walked by the next young collection."""

from __future__ import annotations

import gc

from bapascase.store.gcpause import gc_paused


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_the_collector_is_off_inside_and_on_after() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused(promote=True):  # nested: the outer pause decides
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with gc_paused(promote=True):
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_paused_caller_stays_paused() -> None:
    gc.disable()
    try:
        with gc_paused(promote=True):
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_promoted_objects_start_the_young_generation_afresh_and_their_cycles_are_still_freed() -> None:
    gc.collect()
    with gc_paused(promote=True):
        kept = [Node() for _ in range(5000)]
        count = gc.get_count()[0]
        assert count >= 5000
    assert gc.get_count()[0] < 100  # nothing left for a young collection to walk
    assert gc.get_freeze_count() == 0  # promoted, not frozen
    del kept
    assert gc.collect() >= 5000  # the cycles are found by a full collection
