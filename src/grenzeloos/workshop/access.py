"""The actions of workshop mode and the lowest role each needs (see collaborations.access).

Guests who join by code have no role at all: they are no members, and what they may do (add
notes and dots in one running workshop) is checked by the workshop's services, not here."""

from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.access import declare
from grenzeloos.collaborations.models import Role

JOIN = declare(
    "workshop.join",
    Role.VIEWER,
    _("take part in the collaboration's workshops: see them, add notes and place dots"),
).name
FACILITATE = declare(
    "workshop.facilitate",
    Role.EDITOR,
    _("prepare and run workshops, cluster notes and adopt a box's text into the canvas"),
).name
