import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.incidents.services import hours_worked_set


@pytest.mark.django_db
def test_statistics_page_groups_the_digits_of_hours_worked(client, officer):
    month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    hours_worked_set(user=officer, month=month.replace(day=1), hours=335050)
    client.force_login(officer)
    html = client.get(reverse("incidents:statistics")).content.decode()
    assert "335,050" in html
