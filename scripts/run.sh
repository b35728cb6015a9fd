#!/usr/bin/env bash
# Set up and open the dashboard. The database is VRP_DB (default data/vrp.duckdb);
# an empty database is filled with the synthetic demo data on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh runtime
exec .venv/bin/streamlit run app.py --browser.gatherUsageStats false "$@"
