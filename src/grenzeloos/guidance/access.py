"""The actions of the guidance app and the lowest role each needs (see collaborations.access)."""

from django.utils.translation import gettext_lazy as _

from grenzeloos.collaborations.access import declare
from grenzeloos.collaborations.models import Role

VIEW = declare("guidance.view", Role.VIEWER, _("see the advice check and draft a pitch"))
