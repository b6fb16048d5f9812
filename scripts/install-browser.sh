#!/usr/bin/env bash
# Installs Debian's chromium (/usr/bin/chromium) for headless browser tests; no-op if already present.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "install-browser: $CHROMIUM already present, nothing to do"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-browser: not root and sudo not available; cannot install chromium" >&2
    exit 1
  fi
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: apt-get not found; install chromium at $CHROMIUM manually" >&2
  exit 1
fi

if ! $SUDO apt-get update -qq; then
  echo "install-browser: apt-get update failed" >&2
  exit 1
fi

if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
  echo "install-browser: apt-get install chromium failed" >&2
  exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "install-browser: chromium installed but $CHROMIUM not found" >&2
  exit 1
fi

echo "install-browser: installed $($CHROMIUM --version 2>/dev/null || echo chromium) at $CHROMIUM"
