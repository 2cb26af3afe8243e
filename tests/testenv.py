"""Loaded as a pytest plugin (``-p tests.testenv``) before Django reads its settings, so that
tests never touch the developer's ``./var``."""

import os
import tempfile

os.environ["GRENZELOOS_DATA_DIR"] = tempfile.mkdtemp(prefix="grenzeloos-test-")
os.makedirs(os.path.join(os.environ["GRENZELOOS_DATA_DIR"], "static"), exist_ok=True)
