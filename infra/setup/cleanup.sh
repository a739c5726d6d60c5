#!/usr/bin/env bash
# Removes whatever a test or demo run of zeekbus left on this machine: lab and test network
# namespaces (and the processes in them), the lab's guard route, embedded nats-servers and
# Zeek stand-in processes. Safe to run at any time; exits 0.
set -u
cd "$(dirname "$0")/../.."

if [ -f infra/lab/dist/cli.js ]; then
  node infra/lab/dist/cli.js down >/dev/null 2>&1 || true
fi
for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^(zb-|zbsim-)'); do
  for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null; done
  ip netns del "$ns" 2>/dev/null
done
ip route del unreachable 10.99.0.0/16 2>/dev/null
rm -rf /run/zb-lab.lock /run/zb-lab-test.lock
pkill -9 -f 'nats-server -c /tmp/zeekbus-nats' 2>/dev/null
pkill -9 -f 'zeekbus-natsc-' 2>/dev/null
pkill -9 -f 'up --state-dir /tmp/zeekbus-up-' 2>/dev/null
pkill -9 -f 'nats-server -c /tmp/zeekbus-up-' 2>/dev/null
# Only processes running this checkout's Zeek stand-in binary; never a real zeek.
sim=$(readlink -f infra/zeek-sim/bin/zeek-sim 2>/dev/null)
if [ -n "$sim" ]; then
  for exe in /proc/[0-9]*/exe; do
    [ "$(readlink "$exe" 2>/dev/null)" = "$sim" ] && kill -9 "$(basename "$(dirname "$exe")")" 2>/dev/null
  done
fi
exit 0
