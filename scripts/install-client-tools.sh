#!/usr/bin/env bash
# Installs what the client tests drive: curl, and Debian's python3 with requests (not a pyenv python); no-op when present.
set -euo pipefail
exec bash "$(dirname "$0")/apt-install.sh" install-client-tools \
  curl=/usr/bin/curl \
  python3=/usr/bin/python3 \
  python3-requests=/usr/lib/python3/dist-packages/requests/__init__.py
