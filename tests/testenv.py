"""Loaded as a pytest plugin (``-p tests.testenv``) before Django reads its settings, so that
tests never touch the developer's ``./var``."""

import os
import tempfile

os.environ["GRENZELOOS_DATA_DIR"] = tempfile.mkdtemp(prefix="grenzeloos-test-")
os.makedirs(os.path.join(os.environ["GRENZELOOS_DATA_DIR"], "static"), exist_ok=True)
# Repeated failed sign-ins wait a growing delay (accounts.lockout); tests that count failures
# make them in a row, so it is off unless a test switches it on.
os.environ.setdefault("GRENZELOOS_LOGIN_DELAY_SECONDS", "0")
