"""Demo data, so a fresh installation shows what the product does: example canvases, the case
library and each case's example canvas, and one finished workshop (notes, dots, an adoption).

Loading is idempotent: a canvas whose subject already exists is left alone, and the demo
account is created only once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction

from grenzeloos.accounts.services import cli_actor
from grenzeloos.canvas.services import create_collaboration
from grenzeloos.cases.library import library_cases
from grenzeloos.cases.services import import_library
from grenzeloos.collaborations.models import Collaboration
from grenzeloos.workshop.demo import load_demo_workshop

DEMO_DIR = Path(__file__).with_name("demo_data")
DEMO_USERNAME = "demo"
DEFAULT_DEMO_PASSWORD = "grenzeloos-demo"  # noqa: S105 - documented demo account
#: The demo canvas that holds the finished demo workshop.
WORKSHOP_SUBJECT = "Proeftuin slimme mobiliteit"


@transaction.atomic
def load_demo() -> str:
    """Create the demo account and example canvases that are missing; say what was done."""
    user_model = get_user_model()
    demo_user, created_user = user_model.objects.get_or_create(username=DEMO_USERNAME)
    if created_user:
        demo_user.set_password(os.environ.get("GRENZELOOS_DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD))
        demo_user.save(update_fields=["password"])
    actor = cli_actor()
    created = 0
    for path in sorted(DEMO_DIR.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if Collaboration.objects.filter(subject=document["subject"]).exists():
            continue
        create_collaboration(actor=actor, document=document, owner=demo_user)
        created += 1
    # The case library, and each case's example canvas (an illustration) owned by the demo account.
    library = import_library(actor=actor)
    for case in library_cases():
        document = case["example_canvas"]["document"]
        if not Collaboration.objects.filter(subject=document["subject"]).exists():
            create_collaboration(actor=actor, document=document, owner=demo_user)
            created += 1
    total = Collaboration.objects.count()
    workshop_made = False
    home = Collaboration.objects.filter(
        subject=WORKSHOP_SUBJECT, memberships__user=demo_user
    ).first()
    if home is not None:
        workshop_made = load_demo_workshop(facilitator=demo_user, collaboration_id=home.pk)
    return (
        f"demo: {created} example canvases added ({total} in all); "
        f"{library.created} library cases added, {library.updated} updated; "
        f"{int(workshop_made)} finished workshop added; "
        f"sign in as {DEMO_USERNAME!r}"
    )


def store_is_empty() -> bool:
    return not Collaboration.objects.exists()
