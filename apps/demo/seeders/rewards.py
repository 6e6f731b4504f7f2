"""Rewards and penalties demo data (R8): a year of decisions in every state — proposed, approved,
rejected, announced on the notice board, notified, appealed, appeal dismissed, revoked on appeal — some
resting on the demo's hazards, written in Chinese as the demo company writes; and the scorecard weights
left at their defaults (the scorecard reads the other modules' demo data).

Everything goes through the services; the steps are then spread over the weeks after each decision's
effective date (``apps.demo.clock``), as the other seeders do. Idempotent: decisions are keyed by their
reason.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from apps.demo.clock import spread_steps
from apps.hazards.models import Hazard
from apps.organization.models import User
from apps.rewards import services
from apps.rewards.models import Decision

# (month, kind, person key or None for a department, department code, final state, amount, reason, hazards)
DECISIONS = [
    (1, "commendation", "employee", None, "announced", None,
     "当天早上及时上报5楼消防通道被堵塞的隐患。", 1),
    (1, "warning", "employee", None, "upheld", None,
     "一周内两次用椅子撑开东侧防火门。", 0),
    (2, "bonus", "head", None, "announced", "800.00",
     "客服一部本季度所有隐患均在期限前整改关闭。", 2),
    (3, "honour", None, "cs-1", "announced", None,
     "第一季度所有检查按时完成，所有隐患按期关闭。", 0),
    (4, "criticism", "newhire", None, "revoked", None,
     "两次未参加岗前消防安全培训。", 0),
    (5, "fine", "employee", None, "notified", "200.00",
     "经两次书面提醒后仍在工位下为电动车电池充电。", 0),
    (6, "promotion", "safety_head", None, "approved", None,
     "组织夏季疏散演练并获评良好，重新修订了演练方案。", 0),
    (7, "commendation", "it_head", None, "rejected", None,
     "每天坚持记录机房温度。", 0),
    (8, "criticism", "it_head", None, "appealed", None,
     "机房两项隐患整改超过期限。", 0),
    (9, "commendation", "employee", None, "proposed", None,
     "发现茶水间电源线破损并立即上报。", 1),
]  # fmt: skip


# The appeal each appealed penalty carries, by its reason.
APPEALS = {
    "一周内两次用椅子撑开东侧防火门。": "当时在搬运物资，只是临时撑开，搬完立即关闭了。",
    "两次未参加岗前消防安全培训。": "两次培训时间都没有开放预约，无法报名。",
    "机房两项隐患整改超过期限。": "整改期限正值系统迁移期间，机房无法停机施工。",
}


def _user(ctx, key):
    users = ctx.data.get("users") or {}
    return users.get(key) or User.objects.filter(username=key).first()


def seed(ctx):
    officer, manager = _user(ctx, "officer"), _user(ctx, "manager")
    if officer is None or manager is None:
        ctx.log("    rewards: organisation data missing, skipped")
        return
    today = timezone.localdate()
    year = today.year if today.month >= 10 else today.year - 1  # a whole year of history
    departments = ctx.data.get("departments") or {}
    hazards = list(Hazard.objects.filter(is_anonymous=False).order_by("created_at", "id")[:20])
    made = 0
    for i, (month, kind, person_key, dept_code, state, amount, reason, n_hazards) in enumerate(DECISIONS):
        if Decision.objects.filter(reason=reason).exists():
            continue
        person = _user(ctx, person_key) if person_key else None
        department = person.department if person else departments.get(dept_code)
        if department is None:
            continue
        effective = datetime.date(year, month, 15)
        evidence = [(h, f"{h.number} {h.title}", h.get_absolute_url()) for h in hazards[i : i + n_hazards]]
        decision = services.decision_propose(
            user=officer, kind=kind, department=department, person=person, reason=reason,
            effective_date=effective, amount=Decimal(amount) if amount else None, evidence=evidence,
        )  # fmt: skip
        _walk(decision, state, officer=officer, manager=manager, person=person or department.head)
        start = timezone.make_aware(
            datetime.datetime.combine(effective - datetime.timedelta(days=10), datetime.time(10))
        )
        spread_steps(decision, start=start, gaps_hours=[26, 20, 72, 48], rng=ctx.rng, until=timezone.now())
        made += 1
    ctx.log(f"    rewards: {made} decisions")


def _walk(decision, state, *, officer, manager, person):
    if state == "proposed":
        return
    if state == "rejected":
        services.decision_reject(decision=decision, user=manager, comment="每日记录属于本职工作。")
        return
    services.decision_approve(decision=decision, user=manager, comment="同意。")
    if state == "approved":
        return
    if decision.is_reward:
        services.decision_announce(decision=decision, user=officer)
        return
    services.decision_notify(decision=decision, user=officer)
    if state == "notified":
        return
    statement = APPEALS.get(decision.reason, "请求重新考虑该处罚。")
    services.decision_appeal(decision=decision, user=person, comment=statement)
    if state == "upheld":
        services.decision_uphold(decision=decision, user=manager, comment="门禁记录证实属实。")
    elif state == "revoked":
        services.decision_revoke(decision=decision, user=manager, comment="该课程当时无法预约。")
