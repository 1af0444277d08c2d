"""Run work over a stream of items in worker processes, yielding results in input order.

Items are sent in small chunks; only a few chunks per worker are in flight at a time, so
results stream out as they are done and memory stays flat however many items there are.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator

TYPE_CHECKING = False  # typing itself costs start-up time
if TYPE_CHECKING:
    from typing import Any, TypeVar

    T = TypeVar("T")
    R = TypeVar("R")

CHUNK = 8  # items per task: enough to make the cost of a task small
AHEAD = 4  # chunks in flight per worker: enough to keep every worker busy


class _Ready:
    """Results computed in this process, queued among the workers' results."""

    def __init__(self, results: list[Any]) -> None:
        self.results = results

    def get(self) -> list[Any]:
        return self.results


def ordered_map(
    work: Callable[[list[T]], list[R]],
    items: Iterable[T],
    jobs: int,
    initializer: Callable[..., None],
    initargs: tuple,
    here: Callable[[T], list[R] | None] = lambda item: None,
) -> Iterator[R]:
    """``work`` over chunks of ``items`` in ``jobs`` processes; results in input order.

    ``here`` may take an item on in this process instead (standard input, a cached result):
    it returns the item's results, or None to leave the item to the workers. The workers
    start with the first item left to them.
    An exception raised while the items are produced is raised after the results of the
    items before it, as it would be in a serial run.
    """
    pool = None
    pending: deque[Any] = deque()
    chunk: list[T] = []

    def send() -> None:
        nonlocal pool, chunk
        if pool is None:  # started at the first item for the workers: maybe never
            import multiprocessing  # not even imported when every result is at hand

            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            pool = context.Pool(jobs, initializer, initargs)
        pending.append(pool.apply_async(work, (chunk,)))
        chunk = []

    try:
        try:
            for item in items:
                done_here = here(item)
                if done_here is not None:
                    if chunk:
                        send()
                    pending.append(_Ready(done_here))
                else:
                    chunk.append(item)
                    if len(chunk) == CHUNK:
                        send()
                while len(pending) > jobs * AHEAD:
                    yield from pending.popleft().get()
        except Exception:
            while pending:
                yield from pending.popleft().get()
            raise
        if chunk:
            send()
        while pending:
            yield from pending.popleft().get()
    finally:
        if pool is not None:
            pool.terminate()
