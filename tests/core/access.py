from apps.core.services import attachment_add
from tests.access import LOGIN, Case, everyone


def _attachment_token_of_employee(p):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.core.images import png_bytes

    upload = SimpleUploadedFile("me.png", png_bytes(), content_type="image/png")
    att = attachment_add(subject=p["employee"], upload=upload, user=p["employee"])
    return {"token": att.token}


# A person's own attachments are visible to whoever may see that person's record.
_PERSON_ATTACHMENT = {
    "anonymous": LOGIN,
    "employee": 200,
    "outsider": 404,
    "head": 200,
    "other_head": 404,
    "officer": 200,
    "manager": 200,
}

ACCESS = {
    "healthz": Case(expect=dict.fromkeys(everyone(), 200)),
    "core:attachment": Case(kwargs=_attachment_token_of_employee, expect=_PERSON_ATTACHMENT),
    "core:attachment_thumb": Case(kwargs=_attachment_token_of_employee, expect=_PERSON_ATTACHMENT),
}
