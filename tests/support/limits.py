"""A CPU-time limit for the tests that claim linear time.

CPU time of this process, not the wall clock: a loaded CI machine slows the clock, not the
work. The limits are generous (ten times and more what a linear run takes here) so that they
only ever catch a quadratic or exponential path, which takes minutes on the same input.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cpu_limit(seconds: float, what: str = "") -> Iterator[None]:
    """Fail the test when the block used more than ``seconds`` of CPU time."""
    start = time.process_time()
    yield
    used = time.process_time() - start
    assert used < seconds, f"{what or 'the block'} took {used:.2f} s of CPU, limit {seconds} s"
