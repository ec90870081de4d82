"""The worker's marks on an item that concerns a special category (issue 19).

Notes, the client's statements, plan goals and steps, obligations, diagram nodes, help in kind
and referrals carry them. consent/disclosure.py decides from them (and from the item's kind and
words) what a reader of another organisation is shown."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ConcernsSensitive(models.Model):
    concerns_health = models.BooleanField(_("concerns health or dependency"), default=False)
    concerns_conviction = models.BooleanField(_("concerns the criminal record"), default=False)

    class Meta:
        abstract = True
