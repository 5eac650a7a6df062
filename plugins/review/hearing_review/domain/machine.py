"""The application's state machine (复查、复核申请流程).

```
received ──accept──▶ accepted ──decide──▶ decided ──serve──▶ served
    │                   │
    ├──refuse──▶ not_accepted (不予受理, with a written notice)
    └──withdraw─┴──────▶ withdrawn (撤回)
```

A remanded application (撤销并责令重新办理) stays ``served``; the lower organ's redone
opinion is recorded on it with ``record_redo`` (the state does not change).
"""

from __future__ import annotations

from hearing_core.fsm import StateMachine, Transition
from hearing_review.domain.vocab import ApplicationState as S

__all__ = ["APPLICATION"]


def _t(action: str, sources: tuple[S, ...], target: S, label: str, permission: str) -> Transition:
    return Transition(action, tuple(s.value for s in sources), target.value, permission=permission, label=label)


APPLICATION = StateMachine(
    "review_application",
    [s.value for s in S],
    [
        _t("accept", (S.RECEIVED,), S.ACCEPTED, "受理", "reviews.decide"),
        _t("refuse", (S.RECEIVED,), S.NOT_ACCEPTED, "不予受理", "reviews.decide"),
        _t("decide", (S.ACCEPTED,), S.DECIDED, "作出复查（复核）意见", "reviews.decide"),
        _t("serve", (S.DECIDED,), S.SERVED, "送达意见书", "reviews.write"),
        _t("record_redo", (S.SERVED,), S.SERVED, "记录重新办理结果", "reviews.write"),
        _t("withdraw", (S.RECEIVED, S.ACCEPTED), S.WITHDRAWN, "撤回申请", "reviews.write"),
    ],
    initial=S.RECEIVED.value,
    final=(S.NOT_ACCEPTED.value, S.WITHDRAWN.value),
)
