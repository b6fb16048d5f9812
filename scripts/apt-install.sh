#!/usr/bin/env bash
# Installs Debian packages that are missing, with one quiet apt-get update; each is given as package=file-that-proves-it.
# Usage: bash scripts/apt-install.sh <label> <package>=<path> [<package>=<path> …]
set -euo pipefail

label=$1
shift
missing=()
for entry in "$@"; do
  [ -e "${entry#*=}" ] || missing+=("${entry%%=*}")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "$label: already present, nothing to do"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "$label: not root and sudo not available; cannot install ${missing[*]}" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "$label: apt-get not found; install ${missing[*]} by hand" >&2
  exit 1
fi
# One update per CI run: skipped when the package lists were refreshed in the last hour (by another install script).
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -60 2>/dev/null | head -1)" ]; then
  if ! $SUDO apt-get update -qq; then
    echo "$label: apt-get update failed" >&2
    exit 1
  fi
fi
if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
  echo "$label: apt-get install ${missing[*]} failed" >&2
  exit 1
fi

for entry in "$@"; do
  if [ ! -e "${entry#*=}" ]; then
    echo "$label: ${entry%%=*} installed but ${entry#*=} not found" >&2
    exit 1
  fi
done
echo "$label: installed ${missing[*]}"
