"""The points of matching (H1–H3, D4); matching.py's docstring says what each is for. One
place, because the ORM expressions (matching.py) and the SQL written once (candidates.py) both
score with them."""

from __future__ import annotations

from .models import WorkReadiness

SAME_OCCUPATION, SAME_UNIT_GROUP, SAME_MINOR_GROUP = 40, 25, 10
EXPERIENCE = 15
SAME_MUNICIPALITY, SAME_REGION = 20, 10
REQUIREMENT_MET, REQUIREMENT_MISSING = 5, -10
ACCEPTS_RECORD, MENTOR, SUBSIDISED = 5, 5, 3
READINESS = {WorkReadiness.READY_NOW: 10, WorkReadiness.LATER: 3, WorkReadiness.NOT_NOW: 0}
