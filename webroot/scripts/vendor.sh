#!/usr/bin/env bash
# Copies the event-bus bridge client libraries and hls.js (the cameras' HLS fallback) from npm (pinned by package-lock.json) into
# webroot/vendor/, which the gateway serves: the dashboard loads nothing from a CDN.
# Idempotent: npm ci runs only when node_modules is missing or older than the lock file.
set -euo pipefail

webroot="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$webroot"

if [[ ! -d node_modules || package-lock.json -nt node_modules ]]; then
  # playwright-core never downloads a browser, but say so in case a dependency ever would.
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  # npm ci may leave the folder's mtime older than the lock file; mark it fresh so the next run skips.
  touch node_modules
fi

mkdir -p vendor
install -m 0644 node_modules/sockjs-client/dist/sockjs.min.js vendor/sockjs.min.js
install -m 0644 node_modules/@vertx/eventbus-bridge-client.js/vertx-eventbus.js vendor/vertx-eventbus.js
# The ES module build under a .js name, so every server sends it as JavaScript; the dashboard
# imports it only when a browser needs HLS and cannot play it natively.
install -m 0644 node_modules/hls.js/dist/hls.light.min.mjs vendor/hls.light.min.js
