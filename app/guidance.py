"""Choosing guidance for the person in this session: the checklist's rules (see
`app.checklist.rules`) applied to their journey."""

from __future__ import annotations

from .checklist import Checklist, rules
from .checklist.rules import GuidanceBlock
from .journey_state import Journey

__all__ = ["GuidanceBlock", "guidance_for"]


def guidance_for(checklist: Checklist, journey: Journey) -> list[GuidanceBlock]:
    return rules.guidance_for(checklist, journey.audience, journey.answers)
