# Shared by the environment/ scripts (sourced, not run). Defines the repository paths, the project's
# Jupyter data folder and small helpers for saying what a script does and what it found.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/environment/.state"
DATA="${DGM4J_DATA:-$ROOT/data}"
KERNEL_CLASSPATH="$ROOT/lib/target/kernel-classpath"
IJAVA_VERSION=1.3.0
IJAVA_JAR="$STATE/ijava/ijava-$IJAVA_VERSION.jar"
# The project's own Jupyter data folder: its kernelspec `java` comes first for start and test,
# whatever other Java kernels the machine has.
JUPYTER_DIR="$STATE/jupyter"
KERNEL_DIR="$JUPYTER_DIR/kernels/java"
TOOLS_FILE="$STATE/tools.env"
SETUP_MARKER="$STATE/setup.ok"
# The kernel JVM's class-data-sharing archive (made by setup) and the inputs it was made from.
KERNEL_ARCHIVE="$STATE/kernel.jsa"
KERNEL_ARCHIVE_KEY="$STATE/kernel.jsa.key"
# Extra Maven arguments for every build the scripts run, e.g. DGM4J_BUILD_ARGS=-Pcuda for the GPU natives.
read -r -a BUILD_ARGS <<< "${DGM4J_BUILD_ARGS:-}"

say()  { printf '[%s] %s\n' "$SCRIPT_NAME" "$*"; }
warn() { printf '[%s] WARNING: %s\n' "$SCRIPT_NAME" "$*" >&2; }
die()  { printf '[%s] ERROR: %s\n' "$SCRIPT_NAME" "$*" >&2; exit 1; }

# Puts the project's kernelspec first on Jupyter's search path.
use_project_jupyter_path() {
    export JUPYTER_PATH="$JUPYTER_DIR${JUPYTER_PATH:+:$JUPYTER_PATH}"
}

# Loads JUPYTER_BIN and PYTHON_BIN recorded by setup; fails when setup has not recorded them.
load_tools() {
    [ -f "$TOOLS_FILE" ] || return 1
    # shellcheck disable=SC1090
    . "$TOOLS_FILE"
    [ -x "${JUPYTER_BIN:-}" ] && [ -x "${PYTHON_BIN:-}" ]
}

# The fingerprint of everything setup depends on; setup writes it to the marker when it succeeds.
setup_fingerprint() {
    {
        cat "$ROOT/environment/setup" "$ROOT/environment/fetch-data" "$ROOT/environment/common.sh"
        echo "$ROOT" "$DATA" "${BUILD_ARGS[*]}"
        command -v java mvn
        echo "${JAVA_HOME:-}"
    } | sha256sum | cut -d' ' -f1
}

# True when setup has run with the current scripts and what it made is still there.
setup_is_current() {
    [ -f "$SETUP_MARKER" ] && [ "$(cat "$SETUP_MARKER")" = "$(setup_fingerprint)" ] \
        && load_tools && [ -f "$KERNEL_DIR/kernel.json" ] && [ -f "$IJAVA_JAR" ] \
        && compgen -G "$KERNEL_CLASSPATH/dgm4j-*.jar" > /dev/null \
        && data_present && kernel_archive_is_current
}

# What the kernel's class-data-sharing archive depends on: the JVM (the java the kernelspec runs and
# its libjvm), IJava's jar, the kernel's JVM options and the third-party jars of the kernel classpath
# (names and sizes; the course library's own jar changes with every build and is left out: the JVM
# checks each archived class of it and loads changed ones from the jar).
kernel_archive_inputs() {
    local java
    java="$(sed -n '/"argv"/{n;s/^ *"\(.*\)",$/\1/p;q}' "$KERNEL_DIR/kernel.json" 2>/dev/null)"
    {
        grep -v -e '-XX:SharedArchiveFile=' -e '-Xshare:' -e '-Xlog:cds' "$KERNEL_DIR/kernel.json" 2>/dev/null
        cat "$ROOT/environment/kernel_archive.py"
        [ -n "$java" ] && stat -L -c '%n %s %Y' "$java" "$(dirname "$(readlink -f "$java")")"/../lib/server/libjvm.so 2>/dev/null
        stat -c '%n %s %Y' "$IJAVA_JAR" 2>/dev/null
        find "$KERNEL_CLASSPATH" -maxdepth 1 -name '*.jar' ! -name 'dgm4j-*' -printf '%f %s\n' 2>/dev/null | sort
        true
    } | sha256sum | cut -d' ' -f1
}

# True when setup has made the kernel's archive from the current inputs and it is still there, or
# has tried and recorded that it could not ("none" on the key file's second line).
kernel_archive_is_current() {
    [ -f "$KERNEL_ARCHIVE_KEY" ] && [ "$(head -n 1 "$KERNEL_ARCHIVE_KEY")" = "$(kernel_archive_inputs)" ] \
        && { [ -s "$KERNEL_ARCHIVE" ] || [ "$(sed -n 2p "$KERNEL_ARCHIVE_KEY")" = none ]; }
}

# True when all eight data files are there (raw or .gz); setup verified their checksums.
data_present() {
    local set name
    for set in mnist fashion-mnist; do
        for name in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
            [ -f "$DATA/$set/$name" ] || [ -f "$DATA/$set/$name.gz" ] || return 1
        done
    done
}

# Rebuilds the library into the kernel classpath when a source or POM is newer than the built jar.
build_if_stale() {
    local jars jar=""
    jars=("$KERNEL_CLASSPATH"/dgm4j-*.jar)
    [ -f "${jars[0]}" ] && jar="${jars[0]}"
    if [ -z "$jar" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT/lib/pom.xml" "$ROOT/lib/src/main" -newer "$jar" -print -quit)" ]; then
        say "library sources changed since the last build: mvn -B -q package -DskipTests ${BUILD_ARGS[*]}"
        (cd "$ROOT" && mvn -B -q package -DskipTests ${BUILD_ARGS[@]+"${BUILD_ARGS[@]}"}) || die "the library build failed (see above)"
    fi
}
