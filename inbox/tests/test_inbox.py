"""F2: notifications in the inbox, and by e-mail when configured — case numbers only."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from cases.tests.factories import open_case
from conftest import OrganisationWithStaff
from inbox.models import Notification
from inbox.services import notify

pytestmark = pytest.mark.django_db


@override_settings(TILTS_EMAIL_NOTIFICATIONS=True, TILTS_BASE_URL="https://tilts.example.lv")
def test_a_notification_is_e_mailed_in_the_users_language_without_names(
    org_a: OrganisationWithStaff, django_capture_on_commit_callbacks: Any
) -> None:
    case = open_case(org_a.social_worker, org_a.organisation)
    org_a.supervisor.preferred_language = "ru"
    org_a.supervisor.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            user=org_a.supervisor, kind=Notification.Kind.TASK_ASSIGNED,
            link=f"/cases/{case.pk}/tasks/", case_number=case.number,
        )  # fmt: skip
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == f"Вам поручена задача — дело {case.number}"
    assert f"https://tilts.example.lv/cases/{case.pk}/tasks/" in message.body
    assert "Bērziņš" not in message.subject + message.body


def test_without_the_setting_only_the_inbox_gets_it(org_a: OrganisationWithStaff) -> None:
    notify(user=org_a.supervisor, kind=Notification.Kind.TASK_ASSIGNED, link="/inbox/")
    assert mail.outbox == []
    client = Client()
    client.force_login(org_a.supervisor)
    page = client.get(reverse("inbox:inbox")).content.decode()
    assert "Jums uzdots uzdevums" in page
    assert Notification.objects.get().read_at is not None  # opening the inbox marks it read
