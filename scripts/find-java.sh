# Sourced by ./conflux, ./run-tests and .ci/run: sets JAVA_BIN and CONFLUX_JAVA_HOME to a JDK >= 21 (and
# CONFLUX_JAVA_VERSION to its major version), or exits with a message that says what to install.
conflux_min_java=21

conflux_java_version() { # the major version of the java binary $1, or nothing
  # The JDK's release file says it without starting a JVM (a tenth of a second per candidate); ask java otherwise.
  local release v
  release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
  if [ -f "$release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "$release" | head -n1 | sed 's/^1\.//; s/\..*//')"
    if [[ "$v" =~ ^[0-9]+$ ]]; then echo "$v"; return; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1 | sed 's/^1\.//'
}

conflux_find_java() {
  local candidates=() best="" best_v=0 c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for c in /usr/lib/jvm/*/bin/java /opt/java/*/bin/java /Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
    [ -x "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c" ] || continue
    v="$(conflux_java_version "$c" || true)"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    # JAVA_HOME wins when it is recent enough; otherwise the newest one found.
    if [ "$c" = "${JAVA_HOME:-}/bin/java" ] && [ "$v" -ge "$conflux_min_java" ]; then best="$c"; best_v="$v"; break; fi
    if [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
  done
  if [ -z "$best" ] || [ "$best_v" -lt "$conflux_min_java" ]; then
    {
      if [ -z "$best" ]; then
        echo "conflux: needs a Java runtime (JDK) $conflux_min_java or newer, but found no Java at all."
      else
        echo "conflux: needs a Java runtime (JDK) $conflux_min_java or newer, but the newest found is Java $best_v ($best)."
      fi
      echo "  Looked at: \$JAVA_HOME, 'java' on the PATH, /usr/lib/jvm/*, /opt/java/*."
      echo "  Install a JDK 21 or newer (e.g. 'apt install openjdk-21-jdk', or Temurin 21/25) or set JAVA_HOME to one."
    } >&2
    exit 1
  fi
  JAVA_BIN="$best"
  CONFLUX_JAVA_VERSION="$best_v"
  CONFLUX_JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$best")")")"
}
