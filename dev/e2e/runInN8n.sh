#!/usr/bin/env bash
# Runs the packed package in REAL n8n, headless, against the local ChatCentral sandbox.
#
#   dev/e2e/runInN8n.sh VERSION [--tarball FILE] [--keep]
#     VERSION     2.41.1 (runs on .cache/node24) | 1.123.81 (runs on the Node 20 on PATH)
#     --tarball   an `npm pack` tarball to test (default: npm run build && npm pack)
#     --keep      keep the temp folder (n8n user folder, logs, outputs, sandbox record)
#
# Needs dev/e2e/provision.sh first. Steps, each timed:
#   1. fresh temp folder; N8N_USER_FOLDER inside it; the sandbox on a free port, recording there
#   2. the tarball installed into $N8N_USER_FOLDER/.n8n/nodes as n8n installs community packages
#   3. n8n import:credentials (chatCentralApi: sandbox baseUrl + token); the first n8n command
#      on a fresh user folder creates the SQLite database and runs all migrations
#   4. n8n import:workflow, then n8n execute --id ... --rawOutput for
#        dev/e2e/fixtures/smoke-workflow.json  Manual Trigger → Code (3 contacts) → ChatCentral Send Text
#        dev/e2e/fixtures/error-workflow.json  the same, item 2 an unknown contact, On Error: Continue
#      each checked against the node's output items and what the sandbox recorded
#   5. the sandbox token must appear nowhere in n8n's output, logs or database
# Exit 0 only if every check passed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
version="" tarball="" keep=false
while [[ $# -gt 0 ]]; do
	case "$1" in
		--tarball) tarball="${2:?--tarball needs a file}"; shift 2 ;;
		--keep) keep=true; shift ;;
		-h | --help) usage; exit 0 ;;
		-*) usage >&2; exit 2 ;;
		*) version="$1"; shift ;;
	esac
done
[[ -n "$version" ]] || { usage >&2; exit 2; }

e2e_use_n8n "$version"
e2e_workdir
cleanup() {
	[[ -n "${SANDBOX_PID:-}" ]] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
	if $keep; then e2e_log "kept $E2E_WORK"; else rm -rf "$E2E_WORK"; fi
}
trap cleanup EXIT
e2e_log "n8n $N8N_VERSION on node $("$N8N_NODE" --version); work folder $E2E_WORK"

e2e_start_sandbox
e2e_log "sandbox at $SANDBOX_BASE_URL, recording to $SANDBOX_RECORD"
e2e_timed "pack" e2e_pack_package "$tarball"
e2e_timed "install $(basename "$E2E_TARBALL") into .n8n/nodes" e2e_install_package
e2e_log "installed $E2E_PACKAGE: $(cat "$N8N_USER_FOLDER/.n8n/nodes/package.json" | tr -d '\n ')"

e2e_import_credential ccE2eSandboxCred "ChatCentral sandbox (e2e)"
e2e_log "migrations run by the first command: $(grep -c '^Finished migration' "$E2E_WORK/import-credentials.log" || true)"

# One import for both workflows (each n8n command costs ~5 s of start-up).
e2e_import_workflow "$E2E_ROOT/dev/e2e/fixtures/smoke-workflow.json" "$E2E_ROOT/dev/e2e/fixtures/error-workflow.json"

failed=()
# run_workflow FIXTURE CHECK-ARGS...: execute, check.
run_workflow() {
	local fixture="$E2E_ROOT/dev/e2e/fixtures/$1" id name before rc=0
	shift
	id="$(e2e_workflow_id "$fixture")"
	name="$(basename "$fixture" .json)"
	before="$( (cat "$SANDBOX_RECORD" 2>/dev/null || true) | wc -l)"
	e2e_timed "execute $name (--id $id)" e2e_n8n execute --id "$id" --rawOutput \
		>"$E2E_WORK/execute-$name.out" 2>"$E2E_WORK/execute-$name.err" || rc=$?
	[[ $rc == 0 ]] || e2e_log "execute exited $rc; its output: $E2E_WORK/execute-$name.out"
	touch "$SANDBOX_RECORD"
	node "$E2E_ROOT/dev/e2e/check-execution.mjs" --output "$E2E_WORK/execute-$name.out" \
		--records "$SANDBOX_RECORD" --since "$before" "$@" || failed+=("$name")
}

e2e_log "smoke: 3 contacts → Send Text"
run_workflow smoke-workflow.json --expect-sent e2e-contact-1,e2e-contact-2,e2e-contact-3
e2e_log "error: an unknown contact with On Error: Continue"
run_workflow error-workflow.json --expect-sent e2e-contact-1,e2e-contact-3 \
	--expect-error 'unknown-e2e-contact=Contact not found'

e2e_log "sandbox saw:"
grep -E '^[0-9:]{8} ' "$SANDBOX_LOG" | sed 's/^/    /'

leaks="$(e2e_token_scan)"
if [[ -n "$leaks" ]]; then
	e2e_log "FAIL the sandbox token appears in: $leaks"
	failed+=(token-scan)
else
	e2e_log "ok   the token appears in no n8n output, log, config or database file"
fi

if [[ ${#failed[@]} -gt 0 ]]; then
	keep=true
	e2e_die "n8n $N8N_VERSION: failed: ${failed[*]}"
fi
e2e_log "PASS n8n $N8N_VERSION ($((SECONDS - E2E_START))s)"
