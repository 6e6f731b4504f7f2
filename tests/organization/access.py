from tests.access import HEADS_AND_COMPANY, LOGIN, OFFICERS, Case, everyone, only
from tests.organization.factories import AreaFactory, FloorFactory, PostFactory, SiteFactory


def _pk(name):
    return lambda p: {"pk": p[name].pk}


def _new(factory):
    return lambda p: {"pk": factory().pk}


# Writing to a person: those who may not see the person get a 404, those who see but may not write a 403.
PERSON_WRITE = {
    "anonymous": LOGIN,
    "employee": 403,
    "outsider": 404,
    "head": 403,
    "other_head": 404,
    "officer": 200,
    "manager": 403,
}

ACCESS = {
    "home": Case(expect=everyone()),
    "login": Case(expect=everyone(anonymous=200, status=200)),
    "logout": Case(method="post", expect=everyone(status=302, anonymous=302)),
    "password_change": Case(expect=everyone()),
    "password_change_done": Case(expect=everyone()),
    "password_reset": Case(expect=everyone(status=200, anonymous=200)),
    "password_reset_done": Case(expect=everyone(status=200, anonymous=200)),
    "password_reset_confirm": Case(
        kwargs=lambda p: {"uidb64": "MQ", "token": "bad-token"}, expect=everyone(status=200, anonymous=200)
    ),
    "password_reset_complete": Case(expect=everyone(status=200, anonymous=200)),
    "language_switch": Case(
        method="post", data={"language": "zh-hans", "next": "/"}, expect=everyone(status=302, anonymous=302)
    ),
    "profile": Case(expect=everyone(status=302)),
    "organization:structure": Case(expect=everyone()),
    "organization:person_list": Case(expect=only(HEADS_AND_COMPANY)),
    "organization:person_export": Case(expect=only(HEADS_AND_COMPANY)),
    "organization:person_autocomplete": Case(query="q=a", expect=everyone()),
    "organization:person_create": Case(expect=only(OFFICERS)),
    "organization:person_detail": Case(
        kwargs=_pk("employee"),
        expect={
            "anonymous": LOGIN,
            "employee": 200,
            "outsider": 404,
            "head": 200,
            "other_head": 404,
            "officer": 200,
            "manager": 200,
        },
    ),
    "organization:person_update": Case(kwargs=_pk("employee"), expect=PERSON_WRITE),
    "organization:person_send_sign_in_link": Case(
        method="post", kwargs=_pk("employee"), expect={**PERSON_WRITE, "officer": 302}
    ),
    "organization:person_unlock_sign_in": Case(
        method="post", kwargs=_pk("employee"), expect={**PERSON_WRITE, "officer": 302}
    ),
    "organization:person_import": Case(expect=only(OFFICERS)),
    # Without a previewed file in the session the officer is sent back to the upload page.
    "organization:person_import_confirm": Case(method="post", data={"token": "x"}, expect=only(OFFICERS, status=302)),
    "organization:history": Case(expect=only(OFFICERS)),
    "organization:company_update": Case(expect=only(OFFICERS)),
    "organization:department_create": Case(expect=only(OFFICERS)),
    "organization:department_detail": Case(kwargs=lambda p: {"pk": p["employee"].department_id}, expect=everyone()),
    "organization:department_update": Case(kwargs=lambda p: {"pk": p["employee"].department_id}, expect=only(OFFICERS)),
    "organization:post_create": Case(expect=only(OFFICERS)),
    "organization:post_update": Case(kwargs=_new(PostFactory), expect=only(OFFICERS)),
    "organization:site_create": Case(expect=only(OFFICERS)),
    "organization:site_detail": Case(kwargs=_new(SiteFactory), expect=everyone()),
    "organization:site_update": Case(kwargs=_new(SiteFactory), expect=only(OFFICERS)),
    "organization:floor_create": Case(expect=only(OFFICERS)),
    "organization:floor_update": Case(kwargs=_new(FloorFactory), expect=only(OFFICERS)),
    "organization:area_create": Case(expect=only(OFFICERS)),
    "organization:area_update": Case(kwargs=_new(AreaFactory), expect=only(OFFICERS)),
}
