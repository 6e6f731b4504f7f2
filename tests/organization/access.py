from tests.access import HEADS_AND_COMPANY, LOGIN, Case, everyone, only
from tests.organization.factories import SiteFactory


def _pk(name):
    return lambda p: {"pk": p[name].pk}


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
    "organization:department_detail": Case(kwargs=lambda p: {"pk": p["employee"].department_id}, expect=everyone()),
    "organization:site_detail": Case(kwargs=lambda p: {"pk": SiteFactory().pk}, expect=everyone()),
}
