# Sourced by `./mooring test`: the tools the test suite drives from outside (each test also asserts its tool is
# there, so a missing one fails loudly). Installs missing Debian packages when running as root.
need=()
command -v dig >/dev/null || need+=(dnsutils)
[ -x /usr/bin/aws ] || need+=(awscli)   # AWS CLI v2 (2.9), beside the v1 CLI that pip puts on PATH
[ -x /usr/bin/psql ] || need+=(postgresql-client)   # queries the postgres tasks; their setup uses it too
[ -x /usr/bin/chromium ] || need+=(chromium)   # the YELB sample's UI test loads the page in headless Chromium
command -v iptables >/dev/null || [ -x /usr/sbin/iptables ] || need+=(iptables)   # Service Connect redirects
command -v curl >/dev/null || need+=(curl)   # the ELBv2 client script checks XML errors on the wire
[ -x /usr/sbin/haproxy ] || need+=(haproxy)   # the HTTP/2 server of the Service Connect tests
[ -x /usr/bin/redis-cli ] || need+=(redis-tools)   # mooring/exec tasks check redis tasks through Service Connect
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "mooring: installing test tools: ${need[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >/dev/null 2>&1 ||
      echo "mooring: could not install ${need[*]}; the tests that need them will fail" >&2
  else
    echo "mooring: missing test tools (${need[*]}); install them or the tests that need them will fail" >&2
  fi
fi
