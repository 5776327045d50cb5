"""Pausing the cyclic garbage collector: paused inside, as it was afterwards."""

from __future__ import annotations

import gc

import pytest

from assembler.collector import collector_paused


def test_paused_inside_and_resumed_after_also_on_errors() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
