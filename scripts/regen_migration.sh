#!/usr/bin/env bash
# Regenerate the single initial migration from app/models (pre-release: one migration only).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
rm -f migrations/versions/*.py
EVALFORGE_DATABASE_URL="sqlite+aiosqlite:///$tmp/regen.db" .venv/bin/alembic revision --autogenerate -m "initial schema" >/dev/null
rm -rf "$tmp"
ls migrations/versions/
