"""``python -m grenzeloos`` is the same as the ``grenzeloos`` command."""

import sys

from grenzeloos.cli import main

sys.exit(main())
