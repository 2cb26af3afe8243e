"""The actions of the canvas app and the lowest role each needs (see collaborations.access)."""

from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.access import declare
from grenzeloos.collaborations.models import Role

VIEW = declare("canvas.view", Role.VIEWER, _("read the canvas, its history and exports"))
EDIT = declare("canvas.edit", Role.EDITOR, _("change the canvas"))
RESTORE = declare("canvas.restore", Role.EDITOR, _("restore an old revision"))
