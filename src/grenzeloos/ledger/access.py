"""The actions of the partners ledger and the lowest role each needs (see collaborations.access)."""

from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.access import declare
from grenzeloos.collaborations.models import Role

VIEW = declare(
    "ledger.view",
    Role.VIEWER,
    _("see the partners, commitments, contributions and the progress report"),
).name
EDIT = declare(
    "ledger.edit",
    Role.EDITOR,
    _("change commitments and ledger settings, enter, import and remove contributions"),
).name
