"""The channel layer the settings choose, and the live channel over Redis (as several app
processes use it): a save publishes into Redis and a subscriber receives it from there."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from channels.testing import WebsocketCommunicator
from django.test import Client

from tests.asyncrun import run_async

ROOT = Path(__file__).resolve().parents[2]
#: Longest wait for connecting and for the notice on a loaded machine.
WAIT = 10


def _layers(**env: str) -> dict[str, object]:
    """CHANNEL_LAYERS as a fresh process reads them from this environment."""
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    environment.update(
        env, PYTHONPATH=str(ROOT / "src"), DJANGO_SETTINGS_MODULE="grenzeloos.settings"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json; from django.conf import settings as s; "
            "print(json.dumps(s.CHANNEL_LAYERS))",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_embedded_default_needs_no_other_service():
    assert _layers() == {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def test_redis_url_puts_the_channel_layer_in_redis():
    assert _layers(REDIS_URL="redis://cache.internal:6379/2") == {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://cache.internal:6379/2"], "prefix": "grenzeloos"},
        }
    }


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    """A redis-server of this test on a loopback port (skipped where none is installed)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed")
    for port in range(18750, 18800):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                break
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("redis-server did not start")
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_a_save_reaches_a_subscriber_through_redis(people, redis_url, settings):
    from grenzeloos.asgi import application
    from grenzeloos.canvas import services as canvas

    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [redis_url], "prefix": "grenzeloos-test"},
        }
    }
    collaboration, viewer, editor = people["collaboration"], people["viewer"], people["editor"]
    client = Client()
    client.force_login(viewer)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    socket_ = WebsocketCommunicator(
        application,
        f"/ws/collaborations/{collaboration.pk}/",
        headers=[
            (b"host", b"localhost"),
            (b"origin", b"http://localhost"),
            (b"cookie", cookie.encode()),
        ],
    )
    document = {**canvas.head(collaboration).document, "subject": "Via Redis"}

    async def scenario() -> dict[str, object]:
        from channels.db import database_sync_to_async

        assert (await socket_.connect(timeout=WAIT))[0]
        revision = await database_sync_to_async(canvas.save_canvas)(
            actor=editor, collaboration=collaboration, document=document
        )
        message = await socket_.receive_json_from(timeout=WAIT)
        await socket_.disconnect()
        return {"revision": revision.number, "message": message}

    result = run_async(scenario)
    assert result["message"]["revision"] == result["revision"]
    assert result["message"]["actor"] == "eddy"
