"""Issue 11: every model an operator may need to look at is in the admin; documents, the archive and the
regulation are made by their services, so the admin shows them and never writes them."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from apps.archive.models import ArchiveExport
from tests.documents.factories import approved_document, regulation_document

pytestmark = pytest.mark.django_db

READ_ONLY_APPS = ["documents", "archive", "regulation"]


@pytest.fixture
def operator(client):
    from tests.organization.factories import UserFactory

    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize("app", READ_ONLY_APPS)
def test_every_model_is_in_the_admin(app):
    missing = [m.__name__ for m in apps.get_app_config(app).get_models() if not admin.site.is_registered(m)]
    assert missing == []


@pytest.mark.parametrize("app", READ_ONLY_APPS)
def test_every_list_and_record_page_opens_and_none_can_be_changed(client, operator, officer, manager, app):
    regulation_document()
    approved_document(officer=officer, manager=manager)
    ArchiveExport.objects.create(year=2026, requested_by=officer)
    for model in apps.get_app_config(app).get_models():
        name = model._meta.model_name
        assert client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200, name
        model_admin = admin.site._registry[model]
        request = client.get(reverse("admin:index")).wsgi_request
        assert not model_admin.has_add_permission(request), name
        assert not model_admin.has_change_permission(request), name
        assert not model_admin.has_delete_permission(request), name
        obj = model.objects.first()
        if obj is not None:
            url = reverse(f"admin:{app}_{name}_change", args=[obj.pk])
            assert client.get(url).status_code == 200, name
