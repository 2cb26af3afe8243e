"""The shared floor's use cases that change who may hear a workshop's room tell the room.

Memberships are made, changed and removed only by ``collaborations.services`` and accounts are
switched off and on only by ``accounts.services``; each says so through the shared floor's
``MEMBERS_CHANGED`` port, and the workshop app (which registers it) tells each running room of
the collaboration or of the account's participant, once the change is committed. The room's
connections then ask again (``tests/workshop/test_live.py`` shows a member cut off by that)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from channels.layers import get_channel_layer
from django.core import mail

from grenzeloos.accounts import services as accounts
from grenzeloos.collaborations import services as collaborations
from grenzeloos.workshop import services
from grenzeloos.workshop.events import MEMBERS_CHANGED, group_name
from tests.asyncrun import run_async
from tests.workshop.factories import workshop

LINK = re.compile(r"/invitation/([A-Za-z0-9_-]+)/")


@pytest.fixture(autouse=True)
def _empty_channel_layer() -> Iterator[None]:
    layer = get_channel_layer()
    run_async(layer.flush)
    yield
    run_async(layer.flush)


def _listen(group: str) -> str:
    layer = get_channel_layer()

    async def subscribe() -> str:
        channel = await layer.new_channel()
        await layer.group_add(group, channel)
        return channel

    return run_async(subscribe)


def _heard(channel: str) -> int:
    """How many times the room was told to ask again since the last look."""
    layer = get_channel_layer()

    async def drain() -> int:
        count = 0
        while True:
            try:
                message = await asyncio.wait_for(layer.receive(channel), timeout=0.05)
            except TimeoutError:
                return count
            count += message["event"]["kind"] == MEMBERS_CHANGED

    return run_async(drain)


def test_each_change_of_a_membership_or_an_account_tells_the_running_rooms_it_concerns(
    people, make_user, django_capture_on_commit_callbacks
):
    running = workshop(people)
    planned = workshop(people, start=False)
    services.join(actor=people["viewer"], workshop_id=running.pk)
    staff = make_user("stef", is_staff=True)
    nina = make_user("nina", email="nina@example.org")
    owner, collaboration = people["owner"], people["collaboration"]
    rooms = (_listen(group_name(running.pk)), _listen(group_name(planned.pk)))

    def invite_and_accept() -> None:
        collaborations.invite(
            actor=owner, collaboration=collaboration, email="nina@example.org", role="viewer"
        )
        match = LINK.search(mail.outbox[-1].body)
        assert match is not None
        collaborations.accept(token=match.group(1), user=nina)

    changes: list[tuple[str, Callable[[], Any]]] = [
        (
            "share",
            lambda: collaborations.share(
                actor=owner, collaboration=collaboration, username="nina", role="viewer"
            ),
        ),
        (
            "same role",
            lambda: collaborations.share(
                actor=owner, collaboration=collaboration, username="nina", role="viewer"
            ),
        ),
        (
            "other role",
            lambda: collaborations.share(
                actor=owner, collaboration=collaboration, username="nina", role="editor"
            ),
        ),
        (
            "unshare",
            lambda: collaborations.unshare(
                actor=owner, collaboration=collaboration, username="nina"
            ),
        ),
        ("accept", invite_and_accept),
        ("deactivate", lambda: accounts.deactivate_account(actor=staff, user=people["viewer"])),
        ("reactivate", lambda: accounts.reactivate_account(actor=staff, user=people["viewer"])),
        ("not taking part", lambda: accounts.deactivate_account(actor=staff, user=nina)),
        ("elsewhere", lambda: collaborations.start(actor=owner, subject="Elsewhere")),
    ]
    heard = {}
    for name, change in changes:
        with django_capture_on_commit_callbacks(execute=True):
            change()
        heard[name] = tuple(_heard(room) for room in rooms)

    assert heard == {
        "share": (1, 0),
        "same role": (0, 0),
        "other role": (1, 0),
        "unshare": (1, 0),
        "accept": (1, 0),
        "deactivate": (1, 0),
        "reactivate": (1, 0),
        "not taking part": (0, 0),
        "elsewhere": (0, 0),
    }
