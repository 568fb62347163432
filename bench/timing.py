"""Small helpers to time repeated calls and report percentiles and peak memory."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    name: str
    samples_ms: list[float]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[max(0, round(0.95 * len(ordered)) - 1)]

    def line(self) -> str:
        return f"{self.name:<48} n={len(self.samples_ms):<4} p50={self.p50:8.1f} ms  p95={self.p95:8.1f} ms"


def time_calls(name: str, calls: list[Callable[[], object]]) -> Timing:
    samples = []
    for call in calls:
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return Timing(name, samples)


def peak_memory_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
