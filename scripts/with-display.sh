#!/usr/bin/env bash
# Runs a command with a display: Chromium then runs headed, so window focus behaves as on a
# desktop (switch measurement and the effort prompt depend on it). Without a display, a virtual
# one from Debian's xvfb.
set -euo pipefail
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
  exec xvfb-run -a --server-args='-screen 0 1280x900x24' "$@"
fi
exec "$@"
