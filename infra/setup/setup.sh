#!/usr/bin/env bash
# Installs what zeekbus needs on a Debian machine (run as root) and builds the project.
# Idempotent. With --if-needed it skips the apt and npm steps that are already satisfied.
set -euo pipefail
cd "$(dirname "$0")/../.."

if_needed=0
for arg in "$@"; do
  case "$arg" in
    --if-needed) if_needed=1 ;;
    *) echo "setup.sh: unknown argument $arg (use --if-needed)" >&2; exit 2 ;;
  esac
done

# Debian packages and a command each provides, to tell whether it is installed.
packages=(nats-server:nats-server openssh-server:sshd openssh-client:ssh ethtool:ethtool
  tcpreplay:tcpreplay tcpdump:tcpdump iputils-ping:ping iproute2:ip curl:curl make:make gcc:gcc
  util-linux:nsenter procps:ps)
missing=()
for entry in "${packages[@]}"; do
  pkg=${entry%%:*} cmd=${entry##*:}
  if [ "$if_needed" = 0 ] || ! PATH="$PATH:/usr/sbin:/sbin" command -v "$cmd" >/dev/null 2>&1; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup.sh: installing ${missing[*]} needs root" >&2
    exit 1
  fi
  echo "setup: apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# sshd refuses to start without its privilege-separation directory.
mkdir -p /run/sshd

stamp=node_modules/.zeekbus-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$if_needed" = 0 ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" >"$stamp"
fi

echo "setup: build"
TURBO_TELEMETRY_DISABLED=1 npx turbo run build --output-logs=errors-only

# The `zeekbus` command on PATH: a link to the bundled CLI (the bin of services/cli), pointed at
# this checkout. A link elsewhere is replaced; a file that is not a link is left alone.
bin=/usr/local/bin/zeekbus
cli="$PWD/services/cli/dist/bundle/zeekbus.mjs"
if [ -e "$bin" ] && [ ! -L "$bin" ]; then
  echo "setup: $bin is not a link; left alone (the command is $cli)" >&2
elif [ "$(readlink "$bin" 2>/dev/null)" != "$cli" ]; then
  if mkdir -p "$(dirname "$bin")" 2>/dev/null && ln -sfn "$cli" "$bin" 2>/dev/null; then
    echo "setup: $bin -> $cli"
  else
    echo "setup: cannot link $bin (needs root); run $cli as zeekbus" >&2
  fi
fi
