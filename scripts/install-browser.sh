#!/usr/bin/env bash
# Installs Debian's chromium (/usr/bin/chromium) for headless browser tests; no-op if already present.
set -euo pipefail
bash "$(dirname "$0")/apt-install.sh" install-browser chromium=/usr/bin/chromium
echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) at /usr/bin/chromium"
