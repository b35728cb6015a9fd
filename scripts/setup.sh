#!/usr/bin/env bash
# Create .venv and install the pinned requirements (runtime, or "dev" for tests too).
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-runtime}
python3 -m venv .venv
if [ ! -x .venv/bin/uv ]; then
  .venv/bin/pip install --quiet --disable-pip-version-check uv==0.13.8
fi
if [ "$want" = dev ]; then
  .venv/bin/uv pip install --quiet --python .venv/bin/python -r requirements-dev.txt
else
  .venv/bin/uv pip install --quiet --python .venv/bin/python -r requirements.txt
fi
.venv/bin/python -m pip check
# Packs draw their charts, and the browser tests run, in Debian's chromium (never a
# browser download); it also brings the Pango libraries WeasyPrint writes PDFs with.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
