"""Demo data, one module per domain, run in this order by ``manage.py seed_demo``.

Each module has ``seed(ctx)`` and must be idempotent: running seed_demo twice leaves the same data
(look rows up by a natural key — code, username, number — before creating). ``ctx`` is a
:class:`SeedContext` carrying what earlier seeders made (the demo users, departments, areas) and a
seeded random generator, so the demo is the same on every machine. ``ctx.compact`` asks for a short
history, quick to build for browser tests: the same company and people, exam attempts for the demo
logins only, and only the latest plan inspections finished (the older ones stay overdue).
"""

import random
from dataclasses import dataclass, field

ORDER = [
    "organization",
    "hazards",
    "inspections",
    "training",
    "incidents",
    "emergency",
    "documents",
    "responsibilities",
    "rewards",
]


@dataclass
class SeedContext:
    stdout: object
    rng: random.Random = field(default_factory=lambda: random.Random(20261125))
    data: dict = field(default_factory=dict)
    compact: bool = False

    def log(self, message):
        self.stdout.write(message)
