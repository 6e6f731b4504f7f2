"""``<token:…>`` in a URL: a code or token the view looks up in the database.

Like ``<str:…>`` but without control characters (PostgreSQL refuses a NUL in any text it is asked to
compare, so ``/training/verify/a%00b/`` was a 500) and no longer than any code we issue, so a hostile
path is a 404 before the view runs. Registered by ``CoreConfig.ready``.
"""


class TokenConverter:
    regex = r"[^/\x00-\x1f\x7f]{1,100}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value
