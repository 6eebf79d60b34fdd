# Sourced by the scripts in this directory: where the repository is, the tools on PATH, and
# small helpers for printing. Not meant to be run on its own.

THIDUA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export THIDUA_ROOT
# cargo-installed tools (trunk, wasm-bindgen) and the npm ones (wasm-opt from binaryen, playwright).
export PATH="$HOME/.cargo/bin:$THIDUA_ROOT/node_modules/.bin:$PATH"
THIDUA_TARGET="${CARGO_TARGET_DIR:-$THIDUA_ROOT/target}"
export THIDUA_TARGET

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
