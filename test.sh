#!/usr/bin/env bash
# Runs every RoboClub test. Installs the Debian packages the tests need when they are missing
# and we can (root + apt-get), then runs `dotnet test`. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

# program the tests call -> Debian package that provides it
declare -A needs=(
  [mosquitto]=mosquitto
  [mosquitto_pub]=mosquitto-clients
  [mosquitto_sub]=mosquitto-clients
  [zbarimg]=zbar-tools
  [rsvg-convert]=librsvg2-bin
  [chromium]=chromium
  [rabbitmq-server]=rabbitmq-server
)
missing=()
for prog in "${!needs[@]}"; do
  if ! command -v "$prog" >/dev/null 2>&1 && ! [ -x "/usr/sbin/$prog" ]; then missing+=("${needs[$prog]}"); fi
done
# paho-mqtt is a Python module, installed for the system python3 only
if ! /usr/bin/python3 -c 'import paho.mqtt.client' >/dev/null 2>&1; then missing+=(python3-paho-mqtt); fi
# python3-qrcode is the reference the QR encoder's tests compare with
if ! /usr/bin/python3 -c 'import qrcode' >/dev/null 2>&1; then missing+=(python3-qrcode); fi
# PostgreSQL: the telemetry tests start their own server with initdb and pg_ctl, which Debian keeps
# outside PATH (/usr/lib/postgresql/<version>/bin), so look there as well as on PATH
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && ! command -v initdb >/dev/null 2>&1; then missing+=(postgresql); fi

if [ ${#missing[@]} -gt 0 ]; then
  pkgs=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing $pkgs"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null
  else
    echo "test.sh: missing Debian packages: $pkgs (install them with: sudo apt-get install $pkgs)" >&2
    echo "test.sh: the tests that need them will fail." >&2
  fi
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build RoboClub.sln -c Release -warnaserror -nologo -v q
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test RoboClub.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log" || status=$?
# One closing line over every test project, in the plain form CI reads.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
echo "total: $passed passed, $failed failed"
exit $status
