#!/usr/bin/env bash
# Install what tests/ci.rs needs to validate SARIF the way GitHub ingests it:
# Microsoft's SARIF Multitool, pinned in package-lock.json, into
# tests/sarif/node_modules. `cargo test` never installs it (it must not reach
# the network); without it the Multitool checks skip, and fail when CI=true.
# Idempotent: does nothing that is already done.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if ! command -v npm >/dev/null; then
    echo "setup.sh: npm is missing; install Node.js to run the SARIF Multitool checks" >&2
    exit 1
fi

if [ ! -d "$here/node_modules/@microsoft/sarif-multitool" ]; then
    cd "$here"
    npm ci --no-audit --no-fund --loglevel=error
fi

node -e "console.log('sarif-multitool ' + require('$here/node_modules/@microsoft/sarif-multitool/package.json').version)"
