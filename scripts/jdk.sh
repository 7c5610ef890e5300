# Sourced by ./mooring and the bench scripts: sets JAVA_HOME to a JDK 25 or newer, or fails saying where it looked.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*)
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v="$(java_major "$c")"
    if [ -n "$v" ] && [ "$v" -ge 25 ] 2>/dev/null; then echo "$c"; return 0; fi
  done
  return 1
}

JAVA_HOME="$(find_jdk)" || {
  echo "mooring: no JDK 25 found (looked at \$JAVA_HOME and /usr/lib/jvm). Install Temurin 25 or set JAVA_HOME." >&2
  exit 1
}
export JAVA_HOME
