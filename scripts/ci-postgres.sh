#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suites, on 127.0.0.1 with a free port.
#   start: installs Debian's postgresql if missing, initdb's a data dir under /tmp, starts the
#          server, creates a database, and prints its URL (the only line on stdout):
#            export DETENTE_TEST_PG_URL="$(bash scripts/ci-postgres.sh start)"
#   stop:  stops the server started last and removes its data dir.
set -euo pipefail
STATE=/tmp/detente-ci-postgres.state

pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
        echo "installing postgresql (apt-get)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        apt-get install -y -qq postgresql >&2
        dir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    echo "$dir"
}

# initdb refuses to run as root: run the server as the postgres user the package creates.
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    local bin dir port
    bin=$(pg_bin)
    dir=$(mktemp -d /tmp/detente-pg.XXXXXX)
    [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    # C collation and UTF-8 so text sorts byte-wise, as SQLite does.
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >&2
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >&2
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres detente_test >&2
    printf '%s %s\n' "$bin" "$dir" > "$STATE"
    echo "postgresql://postgres@127.0.0.1:$port/detente_test"
}

stop() {
    [[ -f "$STATE" ]] || return 0
    local bin dir
    read -r bin dir < "$STATE"
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    rm -rf "$dir" "$STATE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
