"""The actions of the case library and the lowest role each needs (see collaborations.access).

The library itself is open to everyone signed in; only ranking cases against a collaboration's
canvas touches a collaboration, so that is the one action declared here.
"""

from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.access import declare
from grenzeloos.collaborations.models import Role

SIMILAR = declare("cases.similar", Role.VIEWER, _("see which cases resemble the canvas"))
