"""CLI commands of the whole installation: serve and demo."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = subparsers.add_parser("serve", help="migrate if needed and serve the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--workers",
        type=_positive,
        default=_positive(os.environ.get("GRENZELOOS_WORKERS", "1")),
        help="server processes (default: GRENZELOOS_WORKERS, else 1)",
    )
    serve.set_defaults(handler=_serve)

    demo = subparsers.add_parser("demo", help="load the example canvases (idempotent)")
    demo.add_argument(
        "--if-empty", action="store_true", help="only when the store holds no collaboration yet"
    )
    demo.set_defaults(handler=_demo)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def _serve(args: argparse.Namespace) -> int:
    """Serve through uvicorn (ASGI: pages, API and the WebSockets of Django Channels), with
    the body limit of :mod:`grenzeloos.serving` in front of the app.

    The forwarded headers of the proxies in ``GRENZELOOS_TRUSTED_PROXIES`` (settings
    ``TRUSTED_PROXIES``), and of no one else, set the client address and scheme.
    """
    from django.conf import settings
    from django.core.management import call_command

    from grenzeloos.core.database import refresh_planner_statistics

    call_command("migrate", interactive=False, verbosity=0)
    refresh_planner_statistics()
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)  # whitenoise looks there too
    print(
        f"Grenzeloos serves on http://{args.host}:{args.port}/ ({args.workers} worker"
        f"{'s' if args.workers != 1 else ''})",
        file=sys.stderr,
    )
    if args.workers > 1 and not settings.REDIS_URL:
        print(
            f"warning: {args.workers} workers without REDIS_URL: the live channel stays inside"
            " each worker, so a live notice only reaches the pages connected to the worker that"
            " saved; set REDIS_URL to reach them all",
            file=sys.stderr,
        )
    own_metrics_dir = _metrics_directory(args.workers)
    try:
        _run_uvicorn(args)
    finally:
        if own_metrics_dir is not None:
            shutil.rmtree(own_metrics_dir, ignore_errors=True)
    return 0


def _metrics_directory(workers: int) -> Path | None:
    """Prepare prometheus-client's multiprocess mode, so that ``/metrics`` adds up the workers.

    A ``PROMETHEUS_MULTIPROC_DIR`` that is set is emptied of the last run's values. Otherwise,
    with metrics on and more than one worker, a fresh temporary directory is made (the workers
    inherit the variable) and returned, to be removed when serving ends.
    """
    from grenzeloos.core import metrics

    given = os.environ.get(metrics.MULTIPROC_DIR)
    if given:
        directory = Path(given)
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.glob("*.db"):
            stale.unlink()
        return None
    if workers < 2 or not metrics.enabled():
        return None
    directory = Path(tempfile.mkdtemp(prefix="grenzeloos-metrics-"))
    os.environ[metrics.MULTIPROC_DIR] = str(directory)
    return directory


def _run_uvicorn(args: argparse.Namespace) -> None:
    import uvicorn
    from django.conf import settings

    uvicorn.run(
        "grenzeloos.serving:application",
        host=args.host,
        port=args.port,
        workers=args.workers,
        proxy_headers=bool(settings.TRUSTED_PROXIES),
        forwarded_allow_ips=settings.TRUSTED_PROXIES,
        # Django has no lifespan handler; no Server header naming the software.
        lifespan="off",
        server_header=False,
        access_log=False,
        log_level=os.environ.get("GRENZELOOS_LOG_LEVEL", "warning").lower(),
        # In the JSON format uvicorn's own records go through the settings' LOGGING too (as
        # JSON lines), instead of uvicorn's plain-text set-up.
        log_config=None if settings.LOG_FORMAT == "json" else uvicorn.config.LOGGING_CONFIG,
    )


def _demo(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    from grenzeloos.demo import load_demo, store_is_empty

    call_command("migrate", interactive=False, verbosity=0)
    if args.if_empty and not store_is_empty():
        print("demo: the store already holds data; nothing loaded")
        return 0
    report = load_demo()
    print(report)
    return 0
