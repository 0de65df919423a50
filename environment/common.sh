# Shared by the environment/ scripts (sourced, not run). Defines the repository paths, the project's
# Jupyter data folder and small helpers for saying what a script does and what it found.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$ROOT/environment/.state"
# A relative DGM4J_DATA or DGM4J_CHECKPOINTS is relative to the repository root, as in the library
# (DataPaths.resolveSetting); both are exported absolute (default: data/ and checkpoints/ of the
# repository), so every kernel, test and tool started from a script means the same folders whatever
# its working directory, a notebook copied out of notebooks/ included.
absolute_setting() { case "$1" in /*) printf '%s' "$1" ;; *) printf '%s/%s' "$ROOT" "${1#./}" ;; esac; }
DATA="$(absolute_setting "${DGM4J_DATA:-data}")"
export DGM4J_DATA="$DATA"
DGM4J_CHECKPOINTS="$(absolute_setting "${DGM4J_CHECKPOINTS:-checkpoints}")"
export DGM4J_CHECKPOINTS
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

DATA_NAMES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)
# Uncompressed sizes of the data files (the same for MNIST and Fashion-MNIST).
declare -A DATA_SIZES=([train-images-idx3-ubyte]=47040016 [train-labels-idx1-ubyte]=60008
    [t10k-images-idx3-ubyte]=7840016 [t10k-labels-idx1-ubyte]=10008)

# The file the library reads for a key set/name: the raw file when there is one, else the .gz
# (DataPaths.file); fails when there is neither.
data_file() {
    if [ -f "$DATA/$1" ]; then echo "$DATA/$1"; elif [ -f "$DATA/$1.gz" ]; then echo "$DATA/$1.gz"; else return 1; fi
}

# Prints what is wrong with the data file of a key (nothing when it is there with the right size; a
# .gz is judged by the uncompressed size its gzip trailer records). Cheap: no decompression.
data_file_problem() {
    local key="$1" file size want b
    want="${DATA_SIZES[${key#*/}]}"
    file="$(data_file "$key")" || { echo "$key missing"; return 0; }
    case "$file" in
        *.gz)
            read -r -a b <<< "$(tail -c 4 "$file" | od -An -tu1)"
            size=$(( ${b[0]:-0} + (${b[1]:-0} << 8) + (${b[2]:-0} << 16) + (${b[3]:-0} << 24) ))
            [ "$size" = "$want" ] || echo "$key.gz damaged (records $size bytes uncompressed, expected $want)" ;;
        *)
            size="$(stat -L -c %s "$file")"
            [ "$size" = "$want" ] || echo "$key is $size bytes, expected $want" ;;
    esac
}

# Prints one line per data file that is missing or of the wrong size.
data_problems() {
    local set name
    for set in mnist fashion-mnist; do
        for name in "${DATA_NAMES[@]}"; do
            data_file_problem "$set/$name"
        done
    done
}

# True when all eight data files are there with the right size (setup verified their checksums).
data_present() {
    [ -z "$(data_problems)" ]
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
