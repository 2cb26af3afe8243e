"""Starts the test OpenID provider (tests/oidc/provider_settings.py) on a loopback port: its
database migrated, an RSA signing key, one person and one client registered for Grenzeloos."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.liveserve import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "grenzeloos-test"
CLIENT_SECRET = "grenzeloos-test-secret"
PASSWORD = "provider-pass-1234"

SETUP = """
from django.contrib.auth import get_user_model
from oidc_provider.models import Client, ResponseType
import os
redirect, logout_redirect, email, password = os.environ["OIDC_SETUP"].split(" ")
get_user_model().objects.create_user(
    "provider-olga", email=email, password=password, first_name="Olga", last_name="Visser"
)
client = Client.objects.create(
    name="Grenzeloos", client_type="confidential", client_id=os.environ["OIDC_CLIENT_ID"],
    client_secret=os.environ["OIDC_CLIENT_SECRET"],
    jwt_alg="RS256", require_consent=False, reuse_consent=True,
)
client.redirect_uris = [redirect]
client.post_logout_redirect_uris = [logout_redirect]
client.scope = ["openid", "email", "profile"]
client.save()
client.response_types.add(ResponseType.objects.get(value="code"))
"""


@dataclass
class Provider:
    url: str

    def settings(self) -> dict[str, object]:
        """What Grenzeloos's settings get from the GRENZELOOS_OIDC_* variables for it."""
        base = f"{self.url}/openid"
        return {
            "OIDC_ENABLED": True,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{base}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{base}/token",
            "OIDC_OP_USER_ENDPOINT": f"{base}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{base}/jwks",
            "OIDC_OP_LOGOUT_ENDPOINT": f"{base}/end-session",
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_RP_SIGN_ALGO": "RS256",
        }


@contextmanager
def openid_provider(directory: Path, *, app_url: str, email: str) -> Iterator[Provider]:
    """The provider on a free port, knowing Grenzeloos at ``app_url`` as its client."""
    directory.mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GRENZELOOS_", "DJANGO_", "DATABASE_URL", "REDIS_URL"))
    }
    env.update(
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "src")]),
        DJANGO_SETTINGS_MODULE="tests.oidc.provider_settings",
        OIDC_PROVIDER_DIR=str(directory),
    )
    admin = [sys.executable, "-m", "django"]
    subprocess.run([*admin, "migrate", "-v", "0"], env=env, check=True)
    subprocess.run([*admin, "creatersakey"], env=env, check=True, capture_output=True)
    setup = f"{app_url}/oidc/callback/ {app_url}/accounts/login/ {email} {PASSWORD}"
    subprocess.run(
        [*admin, "shell", "-c", SETUP],
        env={
            **env,
            "OIDC_SETUP": setup,
            "OIDC_CLIENT_ID": CLIENT_ID,
            "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        },
        check=True,
    )
    port = free_port()
    log = directory / "provider.log"
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [*admin, "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(port, path="/openid/.well-known/openid-configuration")
        yield Provider(url=f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=30)
