#!/bin/sh
# Mooring's stand-in for the official postgres image's entrypoint (docker-entrypoint.sh): on the first start it
# initialises the data directory, applies POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB and runs the init scripts
# against a server that listens on a private socket only; then it runs the real server in the foreground.
# Usage: postgres-entrypoint.sh BIN_DIR DATA_DIR PORT TRUSTED_CIDR [INIT_SCRIPT ...]
set -eu
bin=$1 data=$2 port=$3 cidr=$4
shift 4
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
sock=$(dirname "$data")/pgsocket
mkdir -p "$sock"

# the PostgreSQL Mooring ships has no psql of its own, so the machine's client serves it
client=$bin/psql
[ -x "$client" ] || client=$(command -v psql) || client=

if [ ! -s "$data/PG_VERSION" ]; then
    if [ -z "$client" ] && { [ -n "${POSTGRES_PASSWORD:-}" ] || [ "$db" != postgres ] || [ $# -gt 0 ]; }; then
        echo "mooring: setting the database up needs psql, which is neither in $bin nor on the PATH;" \
            "install it (apt-get install postgresql-client)" >&2
        exit 1
    fi
    "$bin/initdb" -D "$data" -U "$user" --auth=trust -E UTF8 --no-instructions
    printf 'local all all trust\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\nhost all all %s trust\n' \
        "$cidr" > "$data/pg_hba.conf"
    "$bin/pg_ctl" -D "$data" -w -o "-c listen_addresses= -k $sock -p $port" start
    psql() { "$client" -X -q -v ON_ERROR_STOP=1 -h "$sock" -p "$port" -U "$user" --no-password "$@"; }
    if [ -n "${POSTGRES_PASSWORD:-}" ]; then
        echo 'ALTER USER :"u" PASSWORD :'"'"'pw'"'"';' | psql -d postgres -v u="$user" -v pw="$POSTGRES_PASSWORD"
    fi
    if [ "$db" != postgres ]; then
        echo 'CREATE DATABASE :"db";' | psql -d postgres -v db="$db"
    fi
    for script in "$@"; do
        echo "mooring: running init script $script"
        case "$script" in
            *.sql) psql -d "$db" -f "$script" ;;
            *.sh) . "$script" ;;
            *) echo "mooring: ignoring $script (neither .sql nor .sh)" ;;
        esac
    done
    "$bin/pg_ctl" -D "$data" -w -m fast stop
fi
exec "$bin/postgres" -D "$data" -c listen_addresses='*' -p "$port" -k "$sock"
