# Shared helpers for dev/e2e/runInN8n.sh and dev/e2e/serveN8n.sh. Source it; needs `set -euo pipefail`.
#
# Real n8n comes from dev/e2e/provision.sh (.cache/). Every run gets a fresh temp folder holding the
# n8n user folder (database, config, community nodes), the sandbox's record and all logs.

E2E_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
E2E_CACHE="${E2E_CACHE_DIR:-$E2E_ROOT/.cache}"
E2E_START=$SECONDS
exec 3>&1 # e2e_timed reports here even when the timed command's output goes to a file

e2e_log() { printf '[e2e %s +%3ss] %s\n' "$(date +%H:%M:%S)" "$((SECONDS - E2E_START))" "$*"; }
e2e_die() { e2e_log "FAIL: $*" >&2; exit 1; }

# e2e_timed LABEL CMD...: runs CMD, logs how long it took; keeps CMD's exit code.
e2e_timed() {
	local label="$1" start=$SECONDS rc=0
	shift
	"$@" || rc=$?
	e2e_log "$label: $((SECONDS - start))s (exit $rc)" >&3
	return "$rc"
}

# e2e_use_n8n VERSION: selects the provisioned n8n and the Node that runs it.
#   Sets N8N_VERSION, N8N_DIR, N8N_NODE (node binary), N8N_CLI (bin/n8n).
e2e_use_n8n() {
	N8N_VERSION="$1"
	N8N_DIR="$E2E_CACHE/n8n-$N8N_VERSION"
	N8N_CLI="$N8N_DIR/node_modules/n8n/bin/n8n"
	[[ -f "$N8N_DIR/.provisioned" && -e "$N8N_CLI" ]] ||
		e2e_die "n8n $N8N_VERSION is not provisioned: run dev/e2e/provision.sh n8n-$N8N_VERSION"
	case "$N8N_VERSION" in
		2.*)
			N8N_NODE="$E2E_CACHE/node24/node_modules/node/bin/node"
			[[ -x "$N8N_NODE" ]] || e2e_die "Node 24 is not provisioned: run dev/e2e/provision.sh node24"
			;;
		1.*) N8N_NODE="$(command -v node)" ;;
		*) e2e_die "unsupported n8n version $N8N_VERSION (2.41.1 or 1.123.81)" ;;
	esac
}

e2e_free_port() {
	node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# e2e_workdir: a fresh temp folder E2E_WORK with an empty n8n user folder; exports n8n's env.
e2e_workdir() {
	E2E_WORK="$(mktemp -d "${TMPDIR:-/tmp}/chatcentral-e2e-n8n-$N8N_VERSION.XXXXXX")"
	export N8N_USER_FOLDER="$E2E_WORK/user" # n8n keeps everything in $N8N_USER_FOLDER/.n8n
	mkdir -p "$N8N_USER_FOLDER"
	export N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false
	export N8N_PERSONALIZATION_ENABLED=false N8N_TEMPLATES_ENABLED=false N8N_HIRING_BANNER_ENABLED=false
	export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true
	export N8N_RUNNERS_ENABLED=true
	# Every n8n command that runs a workflow opens a task broker (default port 5679): a free
	# one lets runs for both versions (or other projects' n8n) go side by side.
	N8N_RUNNERS_BROKER_PORT="$(e2e_free_port)"
	export N8N_RUNNERS_BROKER_PORT
	# n8n 1.x: its default expression engine needs a native addon the install skipped.
	# n8n 2.x: the default ("vm", isolated-vm) loads a prebuilt binary shipped for Node 24.
	if [[ "$N8N_VERSION" == 1.* ]]; then export N8N_EXPRESSION_ENGINE=legacy; fi
	unset N8N_ENCRYPTION_KEY # the first command generates one into .n8n/config
}

# e2e_n8n ARGS...: the provisioned n8n CLI, with the right Node.
e2e_n8n() { (cd "$E2E_WORK" && "$N8N_NODE" "$N8N_CLI" "$@"); }

# e2e_pack_package [TARBALL]: sets E2E_TARBALL; without an argument builds and packs the repo.
e2e_pack_package() {
	if [[ -n "${1:-}" ]]; then
		E2E_TARBALL="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
		[[ -f "$E2E_TARBALL" ]] || e2e_die "no tarball at $1"
		return
	fi
	(cd "$E2E_ROOT" && npm run build --silent >"$E2E_WORK/build.log" 2>&1) ||
		{ cat "$E2E_WORK/build.log" >&2; e2e_die "npm run build failed"; }
	local name
	name="$(cd "$E2E_ROOT" && npm pack --pack-destination "$E2E_WORK" --silent | tail -1)"
	E2E_TARBALL="$E2E_WORK/$name"
}

# e2e_install_package: installs E2E_TARBALL as a community package, the way n8n's own installer
# does (n8n 2.41.1 CommunityPackagesService.downloadPackage; 1.123.81 does the same steps):
#   1. unpack into $N8N_USER_FOLDER/.n8n/nodes/node_modules/<name>
#   2. drop devDependencies, peerDependencies, optionalDependencies from its package.json
#      (so n8n-workflow is NOT installed next to it: it resolves to n8n's own copy)
#   3. `npm install` its runtime dependencies inside that folder, scripts off, no lockfile
#   4. record it in the ledger .n8n/nodes/package.json ({ name: installed-nodes, dependencies })
# n8n loads every package folder in .n8n/nodes/node_modules at start; no database row needed.
e2e_install_package() {
	local nodes="$N8N_USER_FOLDER/.n8n/nodes" name version dir
	name="$(tar -xzOf "$E2E_TARBALL" package/package.json | node -p 'JSON.parse(require("fs").readFileSync(0)).name')"
	version="$(tar -xzOf "$E2E_TARBALL" package/package.json | node -p 'JSON.parse(require("fs").readFileSync(0)).version')"
	dir="$nodes/node_modules/$name"
	mkdir -p "$dir"
	tar -xzf "$E2E_TARBALL" -C "$dir" --strip-components=1
	node -e '
		const fs = require("fs"), file = process.argv[1];
		const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(file, "utf8"));
		fs.writeFileSync(file, JSON.stringify(pkg, null, 2));' "$dir/package.json"
	(cd "$dir" && npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow \
		--ignore-scripts=true --package-lock=false --loglevel=error >/dev/null)
	node -e '
		const fs = require("fs"), [file, name, version] = process.argv.slice(1);
		const ledger = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { name: "installed-nodes", private: true, dependencies: {} };
		ledger.dependencies[name] = version;
		fs.writeFileSync(file, JSON.stringify(ledger, null, 2));' "$nodes/package.json" "$name" "$version"
	E2E_PACKAGE="$name@$version"
}

# e2e_start_sandbox: starts the repo's ChatCentral sandbox on a free port, recording into
# E2E_WORK. Sets SANDBOX_PID, SANDBOX_LOG, SANDBOX_RECORD, SANDBOX_BASE_URL, SANDBOX_TOKEN.
e2e_start_sandbox() {
	SANDBOX_LOG="$E2E_WORK/sandbox.log"
	SANDBOX_RECORD="$E2E_WORK/sandbox-messages.jsonl"
	SANDBOX_TOKEN="cc-e2e-$(node -p 'require("crypto").randomBytes(12).toString("hex")')"
	(cd "$E2E_ROOT" && exec node_modules/.bin/tsx dev/sandbox/cli.ts --port 0 --record "$SANDBOX_RECORD" \
		--token "$SANDBOX_TOKEN") >"$SANDBOX_LOG" 2>&1 &
	SANDBOX_PID=$!
	local i
	for i in $(seq 1 100); do
		SANDBOX_BASE_URL="$(sed -n 's/^ *Base URL: *//p' "$SANDBOX_LOG")"
		[[ -n "$SANDBOX_BASE_URL" ]] && return
		kill -0 "$SANDBOX_PID" 2>/dev/null || { cat "$SANDBOX_LOG" >&2; e2e_die "sandbox exited"; }
		sleep 0.2
	done
	e2e_die "sandbox did not print its Base URL in 20s"
}

# e2e_import_credential ID NAME: a chatCentralApi credential pointing at the sandbox. The file
# holding the token exists only for the import.
e2e_import_credential() {
	local file="$E2E_WORK/credential.json"
	node -e '
		const [file, id, name, baseUrl, token] = process.argv.slice(1);
		// import:credentials takes an array; a plain `data` object is encrypted on import.
		require("fs").writeFileSync(file, JSON.stringify([{ id, name, type: "chatCentralApi",
			data: { token, baseUrl, viberChannel: false, maxRequestsPerSecond: 25 } }], null, 2), { mode: 0o600 });' \
		"$file" "$1" "$2" "$SANDBOX_BASE_URL" "$SANDBOX_TOKEN"
	local rc=0
	e2e_timed "import:credentials" e2e_n8n import:credentials --input="$file" >"$E2E_WORK/import-credentials.log" 2>&1 || rc=$?
	rm -f "$file"
	[[ $rc == 0 ]] || { tail -30 "$E2E_WORK/import-credentials.log" >&2; e2e_die "import:credentials failed"; }
}

# e2e_import_workflow FILE...: imports workflow JSON files (one object each) in one n8n command.
e2e_import_workflow() {
	local file="$E2E_WORK/workflows.json" log="$E2E_WORK/import-workflows.log" names
	node -e '
		const fs = require("fs"), [out, ...files] = process.argv.slice(1);
		fs.writeFileSync(out, JSON.stringify(files.map((f) => JSON.parse(fs.readFileSync(f, "utf8")))));' "$file" "$@"
	names="$(for f in "$@"; do basename "$f"; done | paste -sd' ')"
	e2e_timed "import:workflow $names" e2e_n8n import:workflow --input="$file" >"$log" 2>&1 ||
		{ tail -30 "$log" >&2; e2e_die "import:workflow failed"; }
}

# e2e_token_scan: prints every file under E2E_WORK (logs, outputs, the n8n database and its
# WAL, the n8n user folder) holding the sandbox token in clear, except the sandbox's own log.
e2e_token_scan() {
	grep -rlF --exclude=sandbox.log -- "$SANDBOX_TOKEN" "$E2E_WORK" || true
}

e2e_workflow_id() { node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).id' "$1"; }
