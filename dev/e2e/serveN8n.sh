#!/usr/bin/env bash
# Starts REAL n8n as a server (`n8n start`), headless, with the packed package installed, an
# owner account already set up (the editor opens on a login, not on a signup), a chatCentralApi
# credential pointing at the local sandbox and the webhook workflow published, then proves a
# webhook call runs the ChatCentral node against the sandbox.
#
#   dev/e2e/serveN8n.sh VERSION [--port N] [--tarball FILE] [--check] [--keep]
#     VERSION     2.41.1 | 1.123.81 (provisioned by dev/e2e/provision.sh)
#     --port      n8n's port (default 5678; 0: a free one); listens on 127.0.0.1 only
#     --check     stop after the webhook check (CI); default: keep serving until Ctrl+C
#     --keep      keep the temp folder (n8n user folder, logs, sandbox record)
#
# Owner: n8n 2.x creates it from N8N_INSTANCE_OWNER_MANAGED_BY_ENV=true + _EMAIL +
# _PASSWORD_HASH (bcrypt) at start; n8n 1.x has no such variables, so the script calls
# POST /rest/owner/setup once the server is up. Login: demo@example.com / E2e-demo-pass1
# (override with E2E_OWNER_EMAIL / E2E_OWNER_PASSWORD).
# Publishing: 2.x `n8n publish:workflow --id X`; 1.x `n8n update:workflow --id X --active=true`;
# both before `n8n start` (a running n8n does not notice them).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() { sed -n '7,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
version="" tarball="" keep=false check=false port=5678
while [[ $# -gt 0 ]]; do
	case "$1" in
		--port) port="${2:?--port needs a number}"; shift 2 ;;
		--tarball) tarball="${2:?--tarball needs a file}"; shift 2 ;;
		--check) check=true; shift ;;
		--keep) keep=true; shift ;;
		-h | --help) usage; exit 0 ;;
		-*) usage >&2; exit 2 ;;
		*) version="$1"; shift ;;
	esac
done
[[ -n "$version" ]] || { usage >&2; exit 2; }
owner_email="${E2E_OWNER_EMAIL:-demo@example.com}"
owner_password="${E2E_OWNER_PASSWORD:-E2e-demo-pass1}" # n8n: 8+ chars, a digit, an uppercase letter

e2e_use_n8n "$version"
e2e_workdir
N8N_PID=""
cleanup() {
	if [[ -n "$N8N_PID" ]] && kill "$N8N_PID" 2>/dev/null; then
		e2e_log "stopping n8n (pid $N8N_PID)"
		wait "$N8N_PID" 2>/dev/null || true
	fi
	[[ -n "${SANDBOX_PID:-}" ]] && kill "$SANDBOX_PID" 2>/dev/null && wait "$SANDBOX_PID" 2>/dev/null
	if $keep; then e2e_log "kept $E2E_WORK"; else rm -rf "$E2E_WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
[[ "$port" == 0 ]] && port="$(e2e_free_port)"
e2e_log "n8n $N8N_VERSION on node $("$N8N_NODE" --version); work folder $E2E_WORK"

e2e_start_sandbox
e2e_timed "pack" e2e_pack_package "$tarball"
e2e_timed "install into .n8n/nodes" e2e_install_package
e2e_import_credential ccE2eSandboxCred "ChatCentral sandbox (e2e)"
fixture="$E2E_ROOT/dev/e2e/fixtures/webhook-workflow.json"
e2e_import_workflow "$fixture" "$E2E_ROOT/dev/e2e/fixtures/smoke-workflow.json"
workflow_id="$(e2e_workflow_id "$fixture")"
webhook_path="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).nodes.find((n) => n.type === "n8n-nodes-base.webhook").parameters.path' "$fixture")"
if [[ "$N8N_VERSION" == 2.* ]]; then
	e2e_timed "publish:workflow" e2e_n8n publish:workflow --id="$workflow_id" >"$E2E_WORK/publish.log" 2>&1
	export N8N_INSTANCE_OWNER_MANAGED_BY_ENV=true N8N_INSTANCE_OWNER_EMAIL="$owner_email"
	export N8N_INSTANCE_OWNER_FIRST_NAME=Demo N8N_INSTANCE_OWNER_LAST_NAME=Owner
	N8N_INSTANCE_OWNER_PASSWORD_HASH="$("$N8N_NODE" -e '
		require(require.resolve("bcryptjs", { paths: [process.argv[1]] })).hash(process.argv[2], 10).then(console.log)' \
		"$N8N_DIR/node_modules/n8n" "$owner_password")"
	export N8N_INSTANCE_OWNER_PASSWORD_HASH
else
	e2e_timed "update:workflow --active=true" e2e_n8n update:workflow --id="$workflow_id" --active=true \
		>"$E2E_WORK/publish.log" 2>&1
fi

export N8N_PORT="$port" N8N_LISTEN_ADDRESS=127.0.0.1 N8N_HOST=localhost
export N8N_SECURE_COOKIE=false # plain http on 127.0.0.1
base="http://127.0.0.1:$port"
start=$SECONDS
(cd "$E2E_WORK" && exec "$N8N_NODE" "$N8N_CLI" start) >"$E2E_WORK/n8n-start.log" 2>&1 &
N8N_PID=$!
# /healthz/readiness turns 200 before the REST routes exist (n8n 1.x: POST /rest/owner/setup is
# still a 404 then), so wait for /rest/settings too.
until curl -sf "$base/healthz/readiness" >/dev/null && curl -sf "$base/rest/settings" >/dev/null; do
	kill -0 "$N8N_PID" 2>/dev/null || { tail -40 "$E2E_WORK/n8n-start.log" >&2; e2e_die "n8n start exited"; }
	((SECONDS - start < 120)) || e2e_die "n8n not ready after 120s (log: $E2E_WORK/n8n-start.log)"
	sleep 0.5
done
e2e_log "n8n start: ready after $((SECONDS - start))s"

if [[ "$N8N_VERSION" == 1.* ]]; then
	body="$(node -p 'JSON.stringify({ email: process.argv[1], firstName: "Demo", lastName: "Owner", password: process.argv[2] })' \
		"$owner_email" "$owner_password")"
	curl -sf -X POST "$base/rest/owner/setup" -H 'content-type: application/json' -d "$body" >/dev/null ||
		e2e_die "POST /rest/owner/setup failed"
fi
login="$(node -p 'JSON.stringify({ emailOrLdapLoginId: process.argv[1], email: process.argv[1], password: process.argv[2] })' \
	"$owner_email" "$owner_password")"
jar="$E2E_WORK/cookies.txt"
curl -sf -c "$jar" -X POST "$base/rest/login" -H 'content-type: application/json' -d "$login" >/dev/null ||
	e2e_die "owner login failed"
setup="$(curl -sf "$base/rest/settings" | node -p 'JSON.parse(require("fs").readFileSync(0)).data.userManagement.showSetupOnFirstLoad')"
e2e_log "owner $owner_email logs in; editor shows the owner signup: $setup"
curl -sf "$base/" | grep -q '<div id="app"' || e2e_die "GET / did not serve the editor"
curl -sf -b "$jar" "$base/rest/workflows" | node -e '
	const { data } = JSON.parse(require("fs").readFileSync(0, "utf8"));
	for (const w of data) console.log(`    owner sees workflow ${w.id} "${w.name}" active=${w.active}`);' ||
	e2e_die "GET /rest/workflows failed"

before="$( (cat "$SANDBOX_RECORD" 2>/dev/null || true) | wc -l)"
answer="$(curl -sS -X POST "$base/webhook/$webhook_path" -H 'content-type: application/json' \
	-d '{"contactId":"webhook-contact-1","text":"Hello from an n8n webhook"}')"
e2e_log "POST /webhook/$webhook_path answered: $answer"
sleep 0.3
received="$(tail -n +"$((before + 1))" "$SANDBOX_RECORD" 2>/dev/null | node -e '
	const lines = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean);
	console.log(lines.map((l) => JSON.parse(l).contactId).join(","))')"
[[ "$received" == webhook-contact-1 ]] || { keep=true; e2e_die "sandbox received '$received', expected webhook-contact-1"; }
e2e_log "ok   the sandbox received the webhook's message for webhook-contact-1"
leaks="$(e2e_token_scan)"
[[ -z "$leaks" ]] || { keep=true; e2e_die "the sandbox token appears in: $leaks"; }

if $check; then
	e2e_log "PASS n8n $N8N_VERSION served the webhook ($((SECONDS - E2E_START))s)"
	exit 0
fi
cat <<EOF

  n8n $N8N_VERSION editor:  http://127.0.0.1:$port   (login $owner_email / $owner_password)
  Webhook:              curl -X POST $base/webhook/$webhook_path -H 'content-type: application/json' \\
                          -d '{"contactId":"c-1","text":"Hi"}'
  Sandbox:              $SANDBOX_BASE_URL  (requests: tail -f $SANDBOX_LOG)
  n8n log:              $E2E_WORK/n8n-start.log
  Ctrl+C stops n8n and the sandbox.

EOF
wait "$N8N_PID"
