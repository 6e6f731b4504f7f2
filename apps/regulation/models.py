"""The company's safety regulation, clause by clause (docs/regulation.md).

A :class:`Clause` is identified by its ``ref`` (``R7.3``) for good: loading a new edition of the
regulation updates the texts of the clauses it names, adds new ones and retires the ones it no longer
has, and every record that points at a clause (checklist items, courses, documents, …) keeps pointing
at it. An :class:`Edition` keeps the full text of each loaded version, so an old edition stays readable.
"""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from apps.core.models import BaseModel

REF_PATTERN = r"R[1-9][0-9]?(?:\.[1-9][0-9]?){0,3}"
REF_RE = re.compile(rf"^{REF_PATTERN}$")


def _zh():
    return (get_language() or "en").lower().startswith("zh")


def ref_sort_key(ref: str) -> tuple:
    return tuple(int(part) for part in ref[1:].split("."))


class Clause(models.Model):
    ref = models.CharField(_("clause"), max_length=20, unique=True, help_text=_("e.g. R7.3"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("part of")
    )
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    depth = models.PositiveSmallIntegerField(_("level"), default=0)
    title = models.CharField(_("title (English)"), max_length=200, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    text = models.TextField(_("text (English)"), blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)
    is_informative = models.BooleanField(
        _("informative"), default=False, help_text=_("States an aim or principle; no records prove it.")
    )
    heading_supplied = models.BooleanField(_("heading supplied by the editor"), default=False)
    is_truncated = models.BooleanField(_("source text ends here"), default=False)
    is_active = models.BooleanField(_("in the current edition"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self):
        title = self.display_title
        return f"{self.ref} {title}".strip()

    def get_absolute_url(self):
        return reverse("regulation:clause_detail", args=[self.ref])

    @property
    def display_title(self):
        return (self.title_zh if _zh() and self.title_zh else self.title) or ""

    @property
    def display_text(self):
        return self.text_zh if _zh() and self.text_zh else self.text

    @property
    def is_chapter(self):
        return self.depth == 0


class Edition(BaseModel):
    """One loaded version of the regulation's text (the first one ships with Anquan)."""

    label = models.CharField(_("edition"), max_length=40)
    title = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    is_current = models.BooleanField(_("current edition"), default=True)
    clauses = models.JSONField(_("text"), default=list)
    source_url = models.CharField(_("controlled document"), max_length=300, blank=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("loaded by"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="one_current_edition")
        ]
        verbose_name = _("regulation edition")
        verbose_name_plural = _("regulation editions")

    def __str__(self):
        return f"{self.display_title} ({self.label})"

    @property
    def display_title(self):
        return self.title_zh if _zh() and self.title_zh else self.title

    def get_absolute_url(self):
        return reverse("regulation:overview")
