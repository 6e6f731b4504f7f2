import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.selectors import attachments_for
from apps.hazards.services import hazard_raise
from apps.hazards.workflow import FLOW
from tests.core.images import png_bytes

pytestmark = pytest.mark.django_db


def names(hazard, user):
    return [m.name for m in FLOW.moves_for(hazard, user)]


def test_moves_offered_follow_state_and_role(reported, loop, officer, head, other_head, employee, manager):
    assert names(reported, officer) == ["assess", "reject"]
    assert names(reported, head) == names(reported, employee) == names(reported, manager) == []
    hazard = loop(reported, "assess")
    assert names(hazard, officer) == ["plan"] and names(hazard, head) == ["plan"] and names(hazard, other_head) == []
    hazard = loop(reported, "rectify")
    assert names(hazard, head) == ["sign_off", "return"]
    assert names(hazard, other_head) == names(hazard, officer) == []


def test_officer_stands_in_for_sign_off_when_the_department_has_no_head(reported, loop, officer, department):
    hazard = loop(reported, "rectify")
    department.head = None
    department.save()
    hazard = type(hazard).objects.select_related("department").get(pk=hazard.pk)
    assert names(hazard, officer) == ["sign_off", "return"]


def test_hazard_photos_are_served_only_to_who_may_see_the_hazard(client, employee, outsider, head, area, settings):
    settings.AXES_ENABLED = False
    photo = SimpleUploadedFile("p.png", png_bytes(), content_type="image/png")
    hazard = hazard_raise(title="Leak", description="", reporter=employee, area=area, photos=[photo])
    token = attachments_for(hazard).get().token
    url = reverse("core:attachment", args=[token])
    client.force_login(head)
    assert client.get(url).status_code == 200
    client.force_login(outsider)
    assert client.get(url).status_code == 404
