"""Evaluator versions: a content hash of (kind, config), recorded whenever it changes."""

import hashlib
import json
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Evaluator, EvaluatorVersion


def content_hash(kind: str, config: dict) -> str:
    """16 hex digits of SHA-256 over the canonical JSON: key order never changes it."""
    canonical = json.dumps({"kind": kind, "config": config}, sort_keys=True,
                           separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


async def record(db: AsyncSession, evaluator: Evaluator) -> str:
    """Add the evaluator's current version unless it is known (a no-op edit adds nothing)."""
    version = content_hash(evaluator.kind, evaluator.config)
    known = await db.scalar(
        select(EvaluatorVersion.id).where(
            EvaluatorVersion.evaluator_id == evaluator.id, EvaluatorVersion.version == version
        )
    )
    if known is None:
        db.add(EvaluatorVersion(evaluator_id=evaluator.id, version=version, kind=evaluator.kind,
                                config=dict(evaluator.config)))
    return version


async def list_versions(db: AsyncSession, evaluator_id: uuid.UUID) -> list[EvaluatorVersion]:
    """Oldest first (the caller has checked the evaluator is the organization's)."""
    return list(
        await db.scalars(
            select(EvaluatorVersion)
            .where(EvaluatorVersion.evaluator_id == evaluator_id)
            .order_by(EvaluatorVersion.created_at, EvaluatorVersion.id)
        )
    )
