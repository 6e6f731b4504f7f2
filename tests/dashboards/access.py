from tests.access import Case

# The token is the credential: whoever has it reads that person's feed, signed in or not.
ACCESS = {
    "calendar_feed": Case(
        kwargs=lambda p: {"token": p["employee"].calendar_token},
        expect={
            "anonymous": 200,
            "employee": 200,
            "outsider": 200,
            "head": 200,
            "other_head": 200,
            "officer": 200,
            "manager": 200,
        },
    ),
}
