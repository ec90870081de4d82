from __future__ import annotations

from directory.models import Service
from directory.services import directory_import
from directory.tests.factories import service_doc, uid


def soup_kitchen(key: str = "help", areas: tuple[str, ...] = ("Saldus novads",)) -> Service:
    """A directory service giving warm meals in Saldus (a need of D1)."""
    directory_import(actor=None, data=service_doc(key, areas=areas))
    return Service.objects.get(pk=uid(key, "service"))
