#!/usr/bin/env bash
# Installs the binding's one dependency (koffi, from npm) if missing and runs its tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
[ -d node_modules/koffi ] || npm install --no-audit --no-fund --silent >/dev/null
node --test
