#!/usr/bin/env bash
# A throwaway PostgreSQL server for the test suites, on 127.0.0.1 with a free port.
#   start: installs Debian's postgresql if missing, initdb's a data dir under /tmp, starts the
#          server, creates a database, and prints its URL (the only line on stdout):
#            export DETENTE_TEST_PG_URL="$(bash scripts/ci-postgres.sh start)"
#   stop URL: stops the server behind that URL and removes its data dir:
#            bash scripts/ci-postgres.sh stop "$DETENTE_TEST_PG_URL"
# Each server keeps its own state file (named by port), so parallel runs do not stop each other.
set -euo pipefail
state_file() { echo "/tmp/detente-ci-postgres.$1.state"; }

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
    printf '%s %s\n' "$bin" "$dir" > "$(state_file "$port")"
    echo "postgresql://postgres@127.0.0.1:$port/detente_test"
}

stop() {
    local url="${1:-}" port state bin dir
    [[ -n "$url" ]] || { echo "usage: $0 stop URL" >&2; exit 2; }
    port=$(sed -E 's|.*@[^:/]+:([0-9]+)/.*|\1|' <<< "$url")
    state=$(state_file "$port")
    [[ -f "$state" ]] || return 0
    read -r bin dir < "$state"
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    rm -rf "$dir" "$state"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: $0 start | stop URL" >&2; exit 2 ;;
esac
