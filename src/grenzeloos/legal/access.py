"""The actions of the legal route check and the lowest role each needs (collaborations.access)."""

from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.access import declare
from grenzeloos.collaborations.models import Role

VIEW = declare("legal.view", Role.VIEWER, _("read the legal assessments and their motivations"))
EDIT = declare("legal.edit", Role.EDITOR, _("start, answer and reopen legal assessments"))
SIGN_OFF = declare(
    "legal.sign_off",
    Role.EDITOR,
    _("sign off a legal assessment (four eyes)"),
    also=(Role.REVIEWER,),
)
SEND_BACK = declare(
    "legal.send_back",
    Role.EDITOR,
    _("send a legal assessment back to its authors with a comment"),
    also=(Role.REVIEWER,),
)
REASON = declare(
    "legal.reason",
    Role.EDITOR,
    _("give a reason for an answer of a legal assessment (makes one an author)"),
    also=(Role.REVIEWER,),
)
