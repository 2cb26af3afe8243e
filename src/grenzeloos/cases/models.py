"""Cases in the library: the publication's twelve and the cases teams add themselves.

Why one table for both: people search, filter and compare them side by side, and the same
ranking finds similar ones. The case itself is its ``grenzeloos.case/1`` document; the columns
next to it (theme, legal form, money location, sectors, search index) are derived from the
document by the services, so the filters and search run in the database on any engine.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from grenzeloos.core.inputs import ReadsTolerantly


class Visibility(models.TextChoices):
    """Who can see a case: everyone (library and published) or only its author (private)."""

    LIBRARY = "library", _("Library (from the publication)")
    PRIVATE = "private", _("Private to its author")
    PUBLISHED = "published", _("Published to all users")


class Case(ReadsTolerantly, models.Model):
    #: Unique among the cases everyone sees (library and published) and among one author's
    #: own; another author's private case may use the same slug (see ``Meta.constraints``).
    slug = models.SlugField(_("slug"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    document = models.JSONField(_("document"))
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    #: Library cases keep the publication's order; teams' cases come after them.
    position = models.PositiveIntegerField(_("position"), default=1000)
    theme = models.CharField(_("theme"), max_length=40)
    legal_form = models.CharField(_("legal form"), max_length=40, blank=True)
    money_location = models.CharField(_("where the money sits"), max_length=40, blank=True)
    #: The partner sectors as ``|government|business|``, so one sector is a substring match.
    sectors = models.CharField(_("sectors"), max_length=200, blank=True)
    #: The stems of all the case's words as `` stem stem ``; see :mod:`grenzeloos.cases.search`.
    search_index = models.TextField(_("search index"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ("position", "name")
        constraints = [
            # Why not unique over all cases: a slug refused because someone's private case
            # holds it would tell that the private case exists.
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(visibility__in=("library", "published")),
                name="cases_case_shared_slug_unique",
            ),
            models.UniqueConstraint(
                fields=["author", "slug"], name="cases_case_author_slug_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_library(self) -> bool:
        return self.visibility == Visibility.LIBRARY

    def listing(self) -> dict[str, Any]:
        """The case's facts as a list of cases shows them (the API and the CLI)."""
        source = self.document.get("source") or {}
        return {
            "slug": self.slug,
            "name": self.name,
            "theme": self.theme,
            "legal_form": self.legal_form or None,
            "money_location": self.money_location or None,
            "sectors": [sector for sector in self.sectors.split("|") if sector],
            "visibility": self.visibility,
            "pages": source.get("pages"),
        }
