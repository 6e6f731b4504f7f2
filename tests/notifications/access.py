from apps.notifications.services import notify
from tests.access import LOGIN, Case, everyone


def _note_of_employee(p):
    note = notify(recipients=[p["employee"]], key="test:access", subject="Hello", url="/")[0]
    return {"pk": note.pk}


ACCESS = {
    "notifications:inbox": Case(expect=everyone()),
    "notifications:mark_all_read": Case(method="post", expect=everyone(status=302)),
    "notifications:open": Case(
        method="post",
        kwargs=_note_of_employee,
        expect={
            "anonymous": LOGIN,
            "employee": 302,
            "outsider": 404,
            "head": 404,
            "other_head": 404,
            "officer": 404,
            "manager": 404,
        },
    ),
    # Polled by htmx; a signed-out page gets 286, htmx's "stop polling".
    "notifications:unread_badge": Case(expect=everyone(anonymous=286)),
}
