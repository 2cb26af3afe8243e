"""CLI commands of the whole installation: serve and demo."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    serve = subparsers.add_parser("serve", help="migrate if needed and serve the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--threads", type=int, default=8)
    serve.set_defaults(handler=_serve)

    demo = subparsers.add_parser("demo", help="load the example canvases (idempotent)")
    demo.add_argument(
        "--if-empty", action="store_true", help="only when the store holds no collaboration yet"
    )
    demo.set_defaults(handler=_demo)


def _serve(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from waitress import serve

    from grenzeloos.core.database import refresh_planner_statistics
    from grenzeloos.wsgi import application

    call_command("migrate", interactive=False, verbosity=0)
    refresh_planner_statistics()
    print(f"Grenzeloos serves on http://{args.host}:{args.port}/", file=sys.stderr)
    serve(application, host=args.host, port=args.port, threads=args.threads, ident="grenzeloos")
    return 0


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
