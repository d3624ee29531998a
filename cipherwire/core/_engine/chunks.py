"""Running an elementwise kernel in cache-sized chunks, on every core.

:func:`run` calls a kernel's *step* (its few ufunc calls) on consecutive chunks of
:data:`CHUNK` elements, so that only the step's first operation reads memory and the
others find the chunk in cache, with scratch arrays made once per thread rather than a
temporary array per operation.  Arrays of :data:`THREADED_FROM` elements or more are cut
into one span per thread (:func:`map_spans`), which run at once since NumPy releases the
GIL; :func:`threads` is ``CIPHERWIRE_THREADS`` or the cores this process may use, and
:func:`set_threads` changes it.  docs/performance.md explains the sizes.

>>> import numpy as np
>>> a = np.arange(10, dtype=np.uint8)
>>> out = np.empty_like(a)
>>> def double(x, out, scratch):
...     np.add(x, x, out=out)
>>> run(double, (a,), out)
>>> out.tolist()
[0, 2, 4, 6, 8, 10, 12, 14, 16, 18]
"""

from __future__ import annotations

import itertools
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import numpy as np
from numpy.typing import NDArray

#: Elements per step call (512 KiB of uint8): a step's result and scratch stay in the
#: core's L2 cache between its operations, and its Python calls stay small beside its work.
CHUNK = 1 << 19
#: Arrays at least this long (4 MiB of uint8) are split over the worker threads; below
#: it, handing work to a thread costs more than it saves.
THREADED_FROM = 1 << 22
#: Bytes a fused kernel checks before it writes them, and the bound its threads' spans
#: are cut on; why 4 KiB: :mod:`cipherwire.core._engine.loops`.
BLOCK = 4096

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_pool_size = 0
_threads: int | None = None

Step = Callable[..., None]


def _default_threads() -> int:
    text = os.environ.get("CIPHERWIRE_THREADS", "").strip()
    if text.isdigit() and int(text) >= 1:
        return int(text)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def threads() -> int:
    """How many threads a large kernel call uses (1: no threading)."""
    global _threads
    if _threads is None:
        _threads = _default_threads()
    return _threads


def set_threads(n: int | None) -> None:
    """Use *n* threads for large kernel calls from now on (None: back to the default).

    Raises :class:`ValueError` if *n* is not an int of 1 or more.
    """
    global _threads
    if n is not None and (isinstance(n, bool) or not isinstance(n, int) or n < 1):
        raise ValueError(f"threads must be an int of 1 or more, or None, not {n!r}")
    _threads = n


def _executor(workers: int) -> ThreadPoolExecutor:
    global _pool, _pool_size
    with _lock:
        if _pool is None or _pool_size < workers:
            if _pool is not None:
                _pool.shutdown(wait=False)
            _pool = ThreadPoolExecutor(workers, thread_name_prefix="cipherwire")
            _pool_size = workers
        return _pool


def spans(n: int, parts: int, *, align: int | None = None) -> list[tuple[int, int]]:
    """Cut ``range(n)`` into at most *parts* consecutive spans, inner bounds on *align*.

    >>> spans(10, 3, align=2)
    [(0, 2), (2, 6), (6, 10)]
    """
    step = CHUNK if align is None else align
    bounds = sorted({0, n, *((n * i // parts) // step * step for i in range(1, parts))})
    return [(lo, hi) for lo, hi in itertools.pairwise(bounds) if hi > lo]


def workers_for(n: int, *, threaded_from: int | None = None, align: int | None = None) -> int:
    """How many threads work on *n* elements (1 below *threaded_from*, by default
    :data:`THREADED_FROM`; at most one per *align* elements, by default :data:`CHUNK`)."""
    low = THREADED_FROM if threaded_from is None else threaded_from
    return 1 if n < low else min(threads(), max(1, n // (CHUNK if align is None else align)))


def map_spans(
    function: Callable[[int, int], Any],
    n: int,
    *,
    align: int | None = None,
    threaded_from: int | None = None,
) -> list[Any]:
    """Call ``function(lo, hi)`` on spans covering ``range(n)``, one per worker thread.

    The first span runs in the calling thread.  Every span is finished before this
    returns, even when one raises; the first error (in span order) is raised then.
    """
    workers = workers_for(n, threaded_from=threaded_from, align=align)
    parts = spans(n, workers, align=align)
    if len(parts) <= 1:
        return [function(lo, hi) for lo, hi in parts]
    pool = _executor(len(parts) - 1)
    futures: list[Future[Any]] = [pool.submit(function, lo, hi) for lo, hi in parts[1:]]
    results: list[Any] = []
    error: BaseException | None = None
    try:
        results.append(function(*parts[0]))
    except BaseException as exc:  # finish the other spans before raising
        error = exc
    for future in futures:
        try:
            results.append(future.result())
        except BaseException as exc:
            error = error or exc
    if error is not None:
        raise error
    return results


def run(
    step: Step,
    operands: Sequence[NDArray[Any]],
    out: NDArray[Any],
    *,
    scratch: int = 1,
    threaded: bool = True,
) -> None:
    """Call ``step(*operand_chunks, out_chunk, *scratch_chunks)`` over the whole of *out*.

    Parameters
    ----------
    step : callable
        Writes the result for one chunk into ``out_chunk``; it may use the scratch
        arrays (uint8, as long as the chunk) freely.
    operands : sequence of 1-D arrays, each as long as *out*
        Read chunk by chunk.  An operand may be *out* itself (the step must then read a
        chunk before writing it, as ufuncs do), but must not overlap it otherwise.
    out : 1-D array
        Written chunk by chunk.
    scratch : int
        How many scratch arrays the step needs.
    threaded : bool
        False keeps the whole call in this thread.
    """
    n = out.shape[0]

    def span(lo: int, hi: int) -> None:
        size = min(CHUNK, hi - lo)
        temps = [np.empty(size, dtype=np.uint8) for _ in range(scratch)]
        if len(operands) == 2 and scratch == 1:  # the binary kernels: no lists per chunk
            a, b = operands
            (t,) = temps
            for start in range(lo, hi, size):
                end = min(start + size, hi)
                step(a[start:end], b[start:end], out[start:end], t[: end - start])
            return
        for start in range(lo, hi, size):
            end = min(start + size, hi)
            m = end - start
            step(
                *[x[start:end] for x in operands],
                out[start:end],
                *[t[:m] for t in temps],
            )

    if not threaded or workers_for(n) == 1:
        if n:
            span(0, n)
        return
    map_spans(span, n)


__all__ = [
    "BLOCK",
    "CHUNK",
    "THREADED_FROM",
    "map_spans",
    "run",
    "set_threads",
    "spans",
    "threads",
    "workers_for",
]
