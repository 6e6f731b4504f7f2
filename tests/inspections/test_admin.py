"""Operators can look at every inspections record in the admin, and change none of them there."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from apps.inspections import services
from apps.inspections.models import InspectionResult, TemplateItem, TemplateSection
from tests.inspections.factories import (
    ApplianceRequestFactory,
    EquipmentFactory,
    InspectionFactory,
    PlanLineFactory,
    VisitFactory,
    make_template,
)
from tests.organization.factories import AreaFactory, UserFactory

pytestmark = pytest.mark.django_db

INLINE_ONLY = {TemplateSection, TemplateItem}


@pytest.fixture
def operator(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_every_inspections_model_is_in_the_admin_and_read_only(rf, operator):
    models = [m for m in apps.get_app_config("inspections").get_models() if m not in INLINE_ONLY]
    assert [m.__name__ for m in models if not admin.site.is_registered(m)] == []
    request = rf.get("/")
    request.user = operator
    for model in models:
        model_admin = admin.site._registry[model]
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model


def test_every_list_and_record_page_opens_for_an_operator(client, operator, head, employee):
    line = PlanLineFactory(template=make_template(items=2), inspector=head)
    inspection = InspectionFactory(template=line.template, area=AreaFactory(), inspector=head)
    services.inspection_start(inspection=inspection, user=head)
    records = [
        line.template,
        line.plan,
        line,
        inspection,
        InspectionResult.objects.filter(inspection=inspection).first(),
        EquipmentFactory(),
        ApplianceRequestFactory(requester=employee),
        VisitFactory(host=employee),
    ]
    records.append(services.equipment_check_record(equipment=records[5], user=operator, outcome="pass"))
    for obj in records:
        meta = obj._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        page = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
        assert client.get(page).status_code == 200, page
