#!/usr/bin/env bash
# Set up and run every check: lint, format, and all tests (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
.venv/bin/ruff check --no-cache .
.venv/bin/ruff format --no-cache --check .
.venv/bin/python -m pytest "$@"
