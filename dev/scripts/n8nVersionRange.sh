#!/usr/bin/env bash
# Which n8n releases run this package: installs each given n8n 1.x release from npm outside the
# repo, then runs the examples/ workflows in it against the sandbox (dev/scripts/n8nVersionRange.ts)
# and prints one table row per version: works, or what fails. Not part of CI: each install takes
# minutes and ~1.5 GB.
#
#   dev/scripts/n8nVersionRange.sh [--remove] VERSION...     e.g. 1.81.4 1.100.1 1.110.1
#     --remove   delete each n8n install after measuring it
#
# Env: N8N_VERSIONS_DIR (default ~/.cache/n8n-versions): n8n-VERSION/ per release, laid out as
# dev/e2e/provision.sh lays out its cache, so test/e2e/realN8n.ts runs it with E2E_CACHE_DIR there.
# n8n 1.x runs on the Node on PATH (Node 20 here; check each release's engines).
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
		1.*) versions+=("$arg") ;;
		*) sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
	esac
done
[[ ${#versions[@]} -gt 0 ]] || { sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
mkdir -p "$DIR"

# install VERSION: n8n VERSION into $DIR/n8n-VERSION with dev/e2e/provision.sh's recipe for 1.x
# (scripts off, then sqlite3 compiled for the Node on PATH; xlsx pinned to its npm build).
install() {
	local version="$1" dir="$DIR/n8n-$1" start=$SECONDS
	local recipe="{ \"name\": \"n8n-range-$1\", \"private\": true, \"dependencies\": { \"n8n\": \"$1\" }, \"overrides\": { \"xlsx\": \"0.18.5\" } }"
	if [[ -f "$dir/.provisioned" && "$(cat "$dir/.provisioned")" == "$recipe" ]]; then
		log "n8n $version: installed already"
		return
	fi
	log "n8n $version: engines $(npm view "n8n@$version" engines.node 2>/dev/null), installing into $dir"
	rm -rf "$dir"
	mkdir -p "$dir"
	printf '%s\n' "$recipe" >"$dir/package.json"
	(cd "$dir" && npm install --ignore-scripts "${NPM_FLAGS[@]}" && npm rebuild sqlite3 --ignore-scripts=false "${NPM_FLAGS[@]}") >"$dir/install.log" 2>&1 ||
		{ tail -20 "$dir/install.log" >&2; return 1; }
	local reported
	reported="$(cd "$dir" && node node_modules/n8n/bin/n8n --version 2>/dev/null | tail -1)"
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
		rows+=("| $version | no | - | - | the install failed (see $DIR/n8n-$version/install.log) | - | - |")
		continue
	fi
	start=$SECONDS
	row="$(cd "$ROOT" && E2E_CACHE_DIR="$DIR" node_modules/.bin/tsx dev/scripts/n8nVersionRange.ts "$version" "$tarball")" ||
		row="| $version | no | - | - | the run itself failed (see above) |"
	rows+=("${row% |} | $(cat "$DIR/n8n-$version/.install-cost") | $((SECONDS - start)) s |")
	if $remove; then rm -rf "${DIR:?}/n8n-$version"; log "n8n $version: install removed"; fi
done

printf '\n| n8n | works | examples | headless n8n execute | what fails | install (first time) | run |\n|---|---|---|---|---|---|---|\n'
printf '%s\n' "${rows[@]}"
