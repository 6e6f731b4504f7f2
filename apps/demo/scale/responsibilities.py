"""Responsibility statements for this year: one per employee (heads at head level), seven in ten signed."""

from apps.responsibilities.models import Statement, StatementTemplate

from . import contributor, day_time


def done(ctx):
    return Statement.objects.filter(person_id__in=ctx.data["people"][:1]).exists()


@contributor("responsibilities", done=done)
def build(ctx):
    rng = ctx.rng
    year = ctx.today.year
    templates = {t.level: t for t in StatementTemplate.objects.filter(year=year, post__isnull=True)}
    if not {"head", "employee"} <= set(templates):
        return
    heads = set(ctx.data["heads"].values())
    department_of = ctx.data["person_department"]

    def statements():
        for person in ctx.data["people"]:
            level = "head" if person in heads else "employee"
            template = templates[level]
            signed = rng.random() < 0.7
            row = {
                "year": year,
                "person_id": person,
                "level": level,
                "template_id": template.pk,
                "department_id": department_of[person],
                "title": template.title,
                "title_zh": template.title_zh,
                "text": template.body,
                "text_zh": template.body_zh,
                "status": "signed" if signed else "issued",
            }
            if signed:
                row.update(signed_name="signed", signed_at=day_time(ctx.today.replace(month=1, day=15), rng))
            yield row

    ctx.insert(Statement, statements())
