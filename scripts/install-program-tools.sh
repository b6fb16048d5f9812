#!/usr/bin/env bash
# Installs what `verify --command` tests drive: libfaketime (virtual time), a C compiler (the clock shim), jq and curl
# (the shell reference programs) and Debian's python3 (the Python ones); no-op when all are present.
set -euo pipefail
need=()
[ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1 ] || [ -e /usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1 ] || need+=(libfaketime)
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
command -v jq >/dev/null 2>&1 || need+=(jq)
command -v curl >/dev/null 2>&1 || need+=(curl)
[ -x /usr/bin/python3 ] || need+=(python3)
if [ ${#need[@]} -eq 0 ]; then
  echo "install-program-tools: already present, nothing to do"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
echo "install-program-tools: installed ${need[*]}"
