"""The actions of governance and the lowest role each needs (see collaborations.access)."""

from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.access import declare
from grenzeloos.collaborations.models import Role

VIEW = declare(
    "governance.view", Role.VIEWER, _("see the bodies, their members and their decisions")
).name
MANAGE = declare(
    "governance.manage",
    Role.OWNER,
    _("set up bodies and their members, put proposals to a body and close its decisions"),
).name
VOTE = declare(
    "governance.vote",
    Role.VIEWER,
    _("vote on a decision of a body one has a voting seat in"),
).name
COMMENT = declare(
    "governance.comment",
    Role.COMMENTER,
    _("comment on a canvas box or a partner, ask and resolve open questions"),
).name
RECORD = declare(
    "governance.record",
    Role.VIEWER,
    _("read who did what: everything for owners, a body's decisions for its members"),
).name
PULSE = declare(
    "governance.pulse",
    Role.VIEWER,
    _("answer the health pulse of the partnership (anonymously, once a period)"),
).name
