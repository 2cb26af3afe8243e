"""Canvas page and /healthz throughput through one app process, and through two behind nginx.

Run through the scale-out topology (PostgreSQL, Redis, two ``grenzeloos serve`` processes and
nginx on loopback):

    scripts/scale-out.sh .venv/bin/python bench/scale_out.py [--collaborations 1000]
        [--requests 400] [--clients 8]

Seeds the script's store like ``bench/pages.py`` (N collaborations of 5 revisions, shared with
one account), then sends each page from ``--clients`` concurrent signed-in clients straight to
process A, and to nginx, which spreads them over A and B. Prints requests/s and p50/p95 latency.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

if not os.environ.get("GRENZELOOS_SCALEOUT_ENV"):
    raise SystemExit("run through scripts/scale-out.sh (see the docstring)")
for line in Path(os.environ["GRENZELOOS_SCALEOUT_ENV"]).read_text(encoding="utf-8").splitlines():
    name, _, value = line.partition("=")
    os.environ[name] = value
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages  # noqa: E402  (sets Django up on the environment above)
from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collaborations", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    pages.CLIENTS = args.clients
    user, middle = pages.seed(args.collaborations)
    client = Client()
    client.force_login(user)
    cookie = (
        f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}; "
        f"{settings.LANGUAGE_COOKIE_NAME}=nl"
    )
    app_a = urlsplit(os.environ["GRENZELOOS_SCALEOUT_APPS"].split()[0]).port
    proxy = urlsplit(os.environ["GRENZELOOS_SCALEOUT_URL"]).port
    assert app_a and proxy
    targets = [("one process", app_a), ("two behind nginx", proxy)]
    paths = [("/healthz", "/healthz"), ("canvas page", f"/c/{middle}/")]
    print(
        f"{args.collaborations} collaborations on PostgreSQL, cache in Redis, "
        f"{args.clients} concurrent clients, {args.requests} requests per row"
    )
    print(f"{'through':<18} {'page':<12} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for target, port in targets:
        for name, path in paths:
            pages.measure(port, path, cookie, args.clients * 4)  # warm up every process
            rate, p50, p95, _size = pages.measure(port, path, cookie, args.requests)
            print(f"{target:<18} {name:<12} {rate:8.1f} {p50:8.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
