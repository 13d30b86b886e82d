#!/usr/bin/env bash
# Install what the real-browser report test needs: Debian's Chromium at
# /usr/bin/chromium and playwright-core (only the driver library; it never
# downloads a browser of its own) into tests/browser/node_modules.
# Idempotent: does nothing that is already done.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup.sh: /usr/bin/chromium is missing and we are not root; install the Debian package 'chromium'" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium >/dev/null
fi

if ! command -v npm >/dev/null; then
    echo "setup.sh: npm is missing; install Node.js to run the browser test" >&2
    exit 1
fi

if [ ! -d "$here/node_modules/playwright-core" ]; then
    cd "$here"
    if [ -f package-lock.json ]; then
        npm ci --no-audit --no-fund --loglevel=error
    else
        npm install --no-audit --no-fund --loglevel=error
    fi
fi

/usr/bin/chromium --version
node -e "console.log('playwright-core ' + require('$here/node_modules/playwright-core/package.json').version)"
