# Shared by the scripts: finds JDK 25 and the project's virtualenv. Source it; do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

# The functions target Java 25; the machine's default java may be older. Prefer an explicit
# JAVA_HOME that is 25+, else the first JDK 25 under /usr/lib/jvm.
find_jdk25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/java-25-* /usr/lib/jvm/*25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    if "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "2[5-9]|version "[3-9][0-9]'; then
      echo "$candidate"; return 0
    fi
  done
  echo "No JDK 25 found: install one (e.g. Temurin 25) under /usr/lib/jvm or set JAVA_HOME" >&2
  return 1
}

JAVA_HOME="$(find_jdk25)"
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven 3.8's bundled Guava touches sun.misc.Unsafe; JDK 25 warns about it on every run.
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
export SAM_CLI_TELEMETRY=0

# Creates a virtualenv with the pinned Python tools of a requirements file unless it is already up to
# date: ensure_venv [dir requirements-file command-it-provides]. Without arguments, .venv from
# requirements-dev.txt. A stamp of the requirements file's hash tells when to reinstall.
ensure_venv() {
  local venv="${1:-$VENV}" requirements="${2:-$ROOT/requirements-dev.txt}" provides="${3:-moto_server}"
  local stamp="$venv/.requirements.sha256"
  local want
  want="$(sha256sum "$requirements" | cut -d' ' -f1)"
  if [ -x "$venv/bin/$provides" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "Creating $venv with the Python tools in $(basename "$requirements") ..." >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip >&2
  "$venv/bin/pip" install --quiet -r "$requirements" >&2
  echo "$want" > "$stamp"
}

# One reactor build of the local module and everything it runs, then its run-time class path. The
# class path points at this checkout's jars, never at snapshots in ~/.m2, which another checkout of
# the project may have installed since. Offline first: a warm ~/.m2 needs no network.
local_classpath() {
  local build=(-B -q -pl local -am package -DskipTests
               dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/classpath.txt)
  (cd "$ROOT" && { mvn -o "${build[@]}" >/dev/null 2>&1 || mvn "${build[@]}" >&2; })
  echo "$ROOT/local/target/classes:$(cat "$ROOT/local/target/classpath.txt")"
}

# The local app in the background, for scripts that test against it (load, walkthrough, schemathesis).
# start_local_app LOG starts scripts/local on LINLI_PORT and LINLI_MOTO_PORT (set them: the defaults
# 3000 and 5050 are a developer's own app), its output into LOG, waits until it has written
# .local/tokens.env, then sets LOCAL_APP_PID and exports LINLI_URL. stop_local_app stops it and moto
# (the JVM's shutdown hook); call it from an EXIT trap. The app's own exit status (143 after the
# TERM) is not the caller's verdict, so stop_local_app always succeeds.
LOCAL_APP_PID=""
start_local_app() {
  local log="$1" tokens="$ROOT/.local/tokens.env"
  mkdir -p "$(dirname "$log")" "$ROOT/.local"
  rm -f "$tokens"
  "$ROOT/scripts/local" > "$log" 2>&1 &
  LOCAL_APP_PID=$!
  local _
  for _ in $(seq 1 300); do
    if grep -q '^LINLI_URL=' "$tokens" 2>/dev/null; then
      LINLI_URL="$(grep '^LINLI_URL=' "$tokens" | cut -d= -f2-)"
      export LINLI_URL
      return 0
    fi
    if ! kill -0 "$LOCAL_APP_PID" 2>/dev/null; then
      LOCAL_APP_PID=""
      echo "the local app did not start:" >&2; tail -20 "$log" >&2
      return 1
    fi
    sleep 1
  done
  echo "the local app did not start within 300 s:" >&2; tail -20 "$log" >&2
  stop_local_app
  return 1
}

stop_local_app() {
  if [ -n "$LOCAL_APP_PID" ]; then
    kill "$LOCAL_APP_PID" 2>/dev/null || true
    wait "$LOCAL_APP_PID" 2>/dev/null || true
    LOCAL_APP_PID=""
  fi
}
