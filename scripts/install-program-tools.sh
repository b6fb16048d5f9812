#!/usr/bin/env bash
# Installs what `verify --command` tests drive: libfaketime (virtual time), a C compiler (the clock shim), jq and curl
# (the shell reference programs) and Debian's python3 (the Python ones); no-op when all are present.
set -euo pipefail
exec bash "$(dirname "$0")/apt-install.sh" install-program-tools \
  libfaketime="/usr/lib/$(uname -m)-linux-gnu/faketime/libfaketimeMT.so.1" \
  gcc=/usr/bin/cc \
  libc6-dev=/usr/include/stdio.h \
  jq=/usr/bin/jq \
  curl=/usr/bin/curl \
  python3=/usr/bin/python3
