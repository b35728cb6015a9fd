#!/usr/bin/env bash
# Set up and open the dashboard. The database is VRP_DB (default data/vrp.duckdb);
# an empty database is filled with the synthetic demo data on first start.
# It listens on 127.0.0.1 only (.streamlit/config.toml, read from the repository, which
# is why it is started from there); serving the network: docs/deployment.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh runtime
exec .venv/bin/streamlit run app.py --browser.gatherUsageStats false "$@"
