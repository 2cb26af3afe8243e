"""The actions of processes and the lowest role each needs (see collaborations.access)."""

from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.access import declare
from grenzeloos.collaborations.models import Role

VIEW = declare(
    "processes.view", Role.VIEWER, _("see the processes, their boards, funnels and gate decisions")
).name
MOVE = declare(
    "processes.move",
    Role.EDITOR,
    _("add items to a process, move them through a gate, back, or close them"),
).name
MANAGE = declare(
    "processes.manage", Role.OWNER, _("copy a template into the collaboration and adapt it")
).name
DRAFT_CASE = declare(
    "processes.draft_case",
    Role.OWNER,
    _("turn a closed item into a case for their own case library"),
).name
CHALLENGE_VIEW = declare(
    "challenges.view", Role.VIEWER, _("see the challenges, and the ranking once scoring is done")
).name
CHALLENGE_SUBMIT = declare(
    "challenges.submit", Role.VIEWER, _("send a submission to a challenge")
).name
CHALLENGE_CREATE = declare(
    "challenges.create", Role.EDITOR, _("put out a challenge and own it")
).name
