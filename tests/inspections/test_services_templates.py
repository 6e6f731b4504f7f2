import pytest

from apps.core.exceptions import Conflict, NotAllowed
from apps.inspections import services
from apps.inspections.models import ChecklistTemplate, ClauseGroup, InspectionResult, TemplateItem
from tests.inspections.factories import InspectionFactory, make_template


@pytest.mark.django_db
def test_default_checklists_ship_for_the_six_clause_groups_in_english_and_chinese():
    defaults = ChecklistTemplate.objects.filter(is_current=True, created_by__isnull=True)
    assert {t.group for t in defaults} >= set(ClauseGroup.values)
    for template in defaults:
        items = TemplateItem.objects.filter(template=template)
        assert items.count() >= 8
        assert all(i.text and i.text_zh for i in items)
        assert template.name_zh
    assert TemplateItem.objects.filter(text_zh="灭火器压力表指针在绿区", clause="R3.1.1").exists()
    assert TemplateItem.objects.filter(text__icontains="daisy-chained").exists()
    assert TemplateItem.objects.filter(text__icontains="Backups restored in a test this quarter").exists()


@pytest.mark.django_db
def test_editing_a_template_creates_a_new_version(officer):
    old = make_template(items=2)
    content = services.template_content(old)
    content[0]["items"][0]["text"] = "Changed"
    new = services.checklist_template_revise(template=old, user=officer, name="Renamed", sections=content)
    old.refresh_from_db()
    assert (old.is_current, new.is_current, new.version, new.code) == (False, True, 2, old.code)
    assert list(old.items.values_list("text", flat=True)) == ["Item 1", "Item 2"]
    assert list(new.items.values_list("text", flat=True)) == ["Changed", "Item 2"]


@pytest.mark.django_db
def test_editing_a_template_after_an_inspection_leaves_that_inspection_unchanged(officer, head):
    template = make_template(items=2)
    inspection = InspectionFactory(template=template, inspector=head)
    services.inspection_start(inspection=inspection, user=head)
    for result in inspection.results.all():
        services.inspection_result_save(result=result, user=head, outcome="pass")
    services.inspection_finish(inspection=inspection, user=head, signature_name="王芳")
    before = list(inspection.results.values_list("item__text", "outcome"))

    content = services.template_content(template)
    content[0]["items"] = [{"text": "Entirely new item", "text_zh": "全新检查项"}]
    services.checklist_template_revise(template=template, user=officer, name="v2", sections=content)

    inspection.refresh_from_db()
    assert inspection.template_id == template.pk
    assert list(inspection.results.values_list("item__text", "outcome")) == before
    assert InspectionResult.objects.filter(inspection=inspection).count() == 2


@pytest.mark.django_db
def test_an_inspection_started_after_an_edit_uses_the_new_version(officer, head):
    template = make_template(items=2)
    inspection = InspectionFactory(template=template, inspector=head)
    new = services.checklist_template_revise(
        template=template, user=officer, name="v2", sections=[{"name": "S", "items": [{"text": "Only item"}]}]
    )
    services.inspection_start(inspection=inspection, user=head)
    inspection.refresh_from_db()
    assert inspection.template == new
    assert [r.item.text for r in inspection.results.all()] == ["Only item"]


@pytest.mark.django_db
def test_an_old_version_cannot_be_edited(officer):
    old = make_template(items=1)
    services.checklist_template_revise(template=old, user=officer, name="v2", sections=services.template_content(old))
    with pytest.raises(Conflict):
        services.checklist_template_revise(
            template=old, user=officer, name="v3", sections=services.template_content(old)
        )


@pytest.mark.django_db
def test_only_safety_officers_edit_templates(head):
    template = make_template(items=1)
    with pytest.raises(NotAllowed):
        services.checklist_template_revise(template=template, user=head, name="x", sections=[])


@pytest.mark.django_db
def test_template_edit_page_saves_rows_as_a_new_version(officer, client):
    template = make_template(items=2)
    client.force_login(officer)
    data = {
        "name": "Fire v2", "name_zh": "消防 v2", "description": "",
        "items-TOTAL_FORMS": "3", "items-INITIAL_FORMS": "2", "items-MIN_NUM_FORMS": "0", "items-MAX_NUM_FORMS": "400",
        "items-0-section": "Exits", "items-0-text": "Exit clear", "items-0-text_zh": "出口畅通",
        "items-0-clause": "R3.1.2",
        "items-1-section": "Exits", "items-1-text": "Item 2", "items-1-DELETE": "on",
        "items-2-section": "Lights", "items-2-text": "Emergency light works",
    }  # fmt: skip
    response = client.post(f"/inspections/templates/{template.pk}/edit/", data)
    new = ChecklistTemplate.objects.get(code=template.code, is_current=True)
    assert response.status_code == 302 and new.version == 2
    assert [(i.section.name, i.text) for i in new.items.all()] == [
        ("Exits", "Exit clear"),
        ("Lights", "Emergency light works"),
    ]
