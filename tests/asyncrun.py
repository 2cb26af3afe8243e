"""Run a coroutine function from a synchronous test.

Once a browser test has run, Playwright's synchronous API keeps an event loop marked as running
in the main thread for the rest of the session, and ``async_to_sync`` refuses to start another
there. The whole suite runs browser tests before the live channel's, so a test that drives a
WebSocket runs its scenario through :func:`run_async`: in this thread when no loop is running,
else in a thread of its own (the database is shared: these tests commit for real).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from asgiref.sync import async_to_sync

T = TypeVar("T")


def run_async(function: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return async_to_sync(function)(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(async_to_sync(function), *args, **kwargs).result()


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coroutine)``, in a thread of its own when this thread's loop is taken (see
    the module's docstring): a new event loop either way, as ``asyncio.run`` gives."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
