# Shared variables and helpers for the scripts in this folder.
# Usage: source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"   (not meant to be run)
# shellcheck disable=SC2034  # the variables are used by the scripts that source this file

VENTROS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="$VENTROS_ROOT/.local"
LOG_DIR="$LOCAL_DIR/log"
RUN_DIR="$LOCAL_DIR/run"
BUILD_DIR="${VENTROS_BUILD_DIR:-$VENTROS_ROOT/build}"
VENTROS_BIN="$BUILD_DIR/app/ventros"

KAFKA_VERSION="${VENTROS_KAFKA_VERSION:-3.9.1}"
KAFKA_SCALA="2.13"
CACHE_DIR="${VENTROS_CACHE:-${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}/.cache/ventros}"
KAFKA_HOME="$CACHE_DIR/kafka-$KAFKA_VERSION"
KAFKA_LIBS="$KAFKA_HOME/libs"
# Our librdkafka build (scripts/librdkafka); the build id changes whenever its patches do.
RDKAFKA_VERSION="2.0.2"
RDKAFKA_PREFIX="$CACHE_DIR/librdkafka-$(cat "$VENTROS_ROOT/third_party/librdkafka/build-id")"

KAFKA_PORT="${VENTROS_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${VENTROS_KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
PG_PORT="${VENTROS_PG_PORT:-15432}"
PG_DATABASE="${VENTROS_PG_DATABASE:-ventros}"
PG_BIN="/usr/lib/postgresql/15/bin"
HTTP_PORT="${VENTROS_HTTP_PORT:-8080}"

info() { printf '==> %s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }

# die MESSAGE [LOGFILE]: print what failed, the tail of its log, and exit 1.
die() {
    printf 'error: %s\n' "$1" >&2
    if [[ $# -ge 2 && -f "$2" ]]; then
        printf -- '--- last lines of %s ---\n' "$2" >&2
        tail -n 40 "$2" >&2
        printf -- '--- full log: %s ---\n' "$2" >&2
    fi
    exit 1
}

# as_root CMD...: run as root, through sudo only when we are not root already.
as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    else
        sudo "$@"
    fi
}

ensure_local_dirs() {
    mkdir -p "$LOG_DIR" "$RUN_DIR"
}

# run_logged LOGFILE DESCRIPTION CMD...: run CMD with its output appended to LOGFILE;
# on failure say what failed and show the log's tail.
run_logged() {
    local logfile="$1" what="$2"
    shift 2
    if ! "$@" >>"$logfile" 2>&1; then
        die "$what failed" "$logfile"
    fi
}

# pid_matches PIDFILE PATTERN: the pid file names a live process whose command line
# contains PATTERN (guards against a stale pid reused by another program).
pid_matches() {
    local pidfile="$1" pattern="$2" pid
    [[ -f "$pidfile" ]] || return 1
    pid="$(cat "$pidfile")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$pattern"
}

# stop_pid NAME PIDFILE PATTERN [GRACE_SECONDS]: SIGTERM, wait, then SIGKILL.
stop_pid() {
    local name="$1" pidfile="$2" pattern="$3" grace="${4:-15}" pid i
    if ! pid_matches "$pidfile" "$pattern"; then
        rm -f "$pidfile"
        info "$name is not running"
        return 0
    fi
    pid="$(cat "$pidfile")"
    info "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < grace * 10; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        warn "$name did not stop within ${grace}s, sending SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
        for ((i = 0; i < 50; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    rm -f "$pidfile"
}

# wait_until TIMEOUT_SECONDS CMD...: poll CMD (quietly) every half second.
wait_until() {
    local timeout="$1" deadline
    shift
    deadline=$((SECONDS + timeout))
    while ((SECONDS < deadline)); do
        if "$@" >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.5
    done
    return 1
}

# hex_secret: 32 random bytes as 64 hex characters.
hex_secret() {
    od -An -N32 -tx1 /dev/urandom | tr -d ' \n'
}

# cmake_configure ARGS...: configure $BUILD_DIR (Ninja, Release) with extra ARGS; output is
# shown and kept in .local/log/build.log.
cmake_configure() {
    ensure_local_dirs
    : >"$LOG_DIR/build.log"
    info "configuring $BUILD_DIR (log: $LOG_DIR/build.log)"
    if ! cmake -S "$VENTROS_ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" \
        2>&1 | tee -a "$LOG_DIR/build.log"; then
        die "cmake configure failed (full log: $LOG_DIR/build.log)"
    fi
}

# cmake_build [TARGETS...]: build the given targets (all when none).
cmake_build() {
    local -a targets=()
    if [[ $# -gt 0 ]]; then
        targets=(--target "$@")
    fi
    info "building ${*:-all targets} in $BUILD_DIR"
    if ! cmake --build "$BUILD_DIR" --parallel "${VENTROS_BUILD_JOBS:-$(nproc)}" "${targets[@]}" \
        2>&1 | tee -a "$LOG_DIR/build.log"; then
        die "build failed (full log: $LOG_DIR/build.log)"
    fi
}
