#!/usr/bin/env bash
# E2E tests run Chromium headed so that window focus behaves as on a desktop (the switch
# measurement tests depend on it). Without a display, use a virtual one (Debian's xvfb).
set -euo pipefail
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  exec xvfb-run -a --server-args='-screen 0 1280x900x24' npx playwright test "$@"
fi
exec npx playwright test "$@"
