/**
 * The chat view: one self-contained page (inline CSS and JS, no external assets). It holds no
 * data of its own: it reads everything from GET /events (Server-Sent Events) and builds the DOM
 * with textContent only, so nothing a message carries is ever parsed as HTML.
 *
 * Stable hooks for tests: [data-contact][data-channel] on each conversation,
 * [data-message-type] on each accepted message, [data-action-link] on each "Label: https://…" line of a
 * text shown as a button, [data-status] on each rejected request,
 * [data-count="accepted"|"rejected"] in the header, #rejected for requests without a known contact.
 */

const STYLE = `
:root {
	--bg: #f4f6fa;
	--card: #ffffff;
	--ink: #1d2433;
	--muted: #6b7385;
	--line: #e3e7ef;
	--accent: #2563eb;
	--bubble: #2563eb;
	--bubble-ink: #ffffff;
	--viber: #7360f2;
	--danger: #c62828;
	--danger-bg: #fdecec;
	font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
	color: var(--ink);
	background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; }
header.top {
	display: flex; align-items: center; gap: 16px; flex-wrap: wrap;
	padding: 14px 24px; background: var(--card); border-bottom: 1px solid var(--line);
	position: sticky; top: 0; z-index: 2;
}
.logo {
	width: 34px; height: 34px; border-radius: 10px; flex: none;
	background: linear-gradient(135deg, #2563eb, #7360f2);
	display: grid; place-items: center; color: #fff; font-weight: 700; font-size: 15px;
}
h1 { font-size: 18px; margin: 0; font-weight: 650; letter-spacing: -0.01em; }
.base-url { display: flex; align-items: center; gap: 8px; font-size: 13px; color: var(--muted); min-width: 0; }
.base-url code {
	font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 12.5px;
	background: #eef2f8; color: var(--ink); padding: 3px 8px; border-radius: 6px;
	overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
}
.spacer { flex: 1; }
.counts { display: flex; gap: 8px; }
.count {
	font-size: 13px; padding: 4px 10px; border-radius: 999px; border: 1px solid var(--line);
	background: #fafbfd; color: var(--muted); white-space: nowrap;
}
.count b { color: var(--ink); font-variant-numeric: tabular-nums; }
.count.rejected b { color: var(--danger); }
.live { font-size: 12.5px; color: var(--muted); display: flex; align-items: center; gap: 6px; white-space: nowrap; }
.live::before { content: ''; width: 8px; height: 8px; border-radius: 50%; background: #9aa3b5; }
.live.on::before { background: #16a34a; box-shadow: 0 0 0 3px #dcfce7; }
main { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 20px; padding: 20px 24px; align-items: start; }
#conversations { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 16px; align-items: start; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 14px; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.04); overflow: hidden; }
.conv-head { display: flex; align-items: center; gap: 10px; padding: 12px 14px; border-bottom: 1px solid var(--line); }
.avatar {
	width: 34px; height: 34px; border-radius: 50%; flex: none; display: grid; place-items: center;
	background: hsl(var(--hue, 220) 80% 92%); color: hsl(var(--hue, 220) 60% 32%);
	font-weight: 650; font-size: 14px; text-transform: uppercase;
}
.who { min-width: 0; flex: 1; }
.contact-id { font-weight: 600; font-size: 14px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.channel {
	display: inline-block; margin-top: 2px; font-size: 11px; font-weight: 600; letter-spacing: 0.03em; text-transform: uppercase;
	padding: 1px 7px; border-radius: 999px; background: #e8eefc; color: #1e40af;
}
.channel.viber { background: #ece8ff; color: var(--viber); }
.conv-count { font-size: 12px; color: var(--muted); white-space: nowrap; }
ol.messages { list-style: none; margin: 0; padding: 12px 14px 14px; display: flex; flex-direction: column; gap: 10px; max-height: max(320px, calc(100vh - 190px)); overflow-y: auto; }
.message { display: flex; flex-direction: column; align-items: flex-end; }
.bubble {
	max-width: 88%; background: var(--bubble); color: var(--bubble-ink); padding: 8px 12px;
	border-radius: 16px 16px 4px 16px; font-size: 14px; line-height: 1.4; overflow-wrap: anywhere;
}
.conversation[data-channel='viber'] .bubble.plain { background: var(--viber); }
.text { margin: 0; white-space: pre-wrap; }
.bubble.media { background: #eef2f8; color: var(--ink); padding: 6px; }
.media img, .media video { display: block; max-width: 100%; width: 240px; border-radius: 10px; background: #dfe5ee; }
.media img { min-height: 120px; object-fit: cover; }
.media video { height: 146px; background: #1f2430; }
.media audio { display: block; width: 240px; max-width: 100%; height: 40px; }
.media.unavailable img { display: none; }
.placeholder { display: none; }
.media.unavailable .placeholder {
	display: flex; align-items: center; justify-content: center; gap: 8px; width: 240px; max-width: 100%; height: 120px;
	border-radius: 10px; color: var(--muted); font-size: 12.5px;
	background: repeating-linear-gradient(135deg, #e6ebf3 0 10px, #edf1f7 10px 20px);
}
.kind { font-size: 10.5px; font-weight: 700; letter-spacing: 0.06em; padding: 2px 6px; border-radius: 4px; background: #fff; color: var(--muted); border: 1px solid var(--line); }
.caption { display: block; padding: 6px 4px 2px; font-size: 12px; max-width: 240px; }
.caption a, .file a { color: var(--accent); text-decoration: none; overflow-wrap: anywhere; }
.caption a:hover, .file a:hover { text-decoration: underline; }
.bubble.file { background: #eef2f8; color: var(--ink); display: flex; gap: 10px; align-items: center; padding: 8px 12px 8px 8px; }
.file-icon {
	width: 36px; height: 42px; border-radius: 6px; flex: none; background: #fff; border: 1px solid var(--line);
	display: grid; place-items: center; font-size: 10px; font-weight: 700; color: var(--accent);
}
.file-name { font-weight: 600; font-size: 13.5px; display: block; }
.file-url { font-size: 11.5px; color: var(--muted); display: block; }
.bubble.quick { background: #fff; color: var(--ink); border: 1px solid var(--line); }
.quick-title { margin: 0 0 8px; font-weight: 550; }
.replies { display: flex; flex-wrap: wrap; gap: 6px; }
.replies button {
	font: inherit; font-size: 13px; padding: 4px 12px; border-radius: 999px; border: 1px solid #bcd0fb;
	background: #f3f7ff; color: #1e40af; cursor: default;
}
.actions { display: flex; flex-direction: column; gap: 6px; margin-top: 8px; }
.actions a {
	display: block; text-align: center; font-size: 13.5px; font-weight: 600; padding: 7px 12px; border-radius: 10px;
	background: #fff; color: #1e40af; text-decoration: none; border: 1px solid #bcd0fb;
}
.actions a:hover { background: #eef3ff; }
.meta { font-size: 11px; color: var(--muted); margin-top: 3px; display: flex; gap: 6px; align-items: center; }
.badge { font-size: 10.5px; font-weight: 600; padding: 1px 6px; border-radius: 999px; background: #fff4e0; color: #a15c00; border: 1px solid #f6d9a8; }
.message.rejected .bubble { background: var(--danger-bg); color: var(--danger); border: 1px dashed #efb1b1; border-radius: 12px; }
.status { font-weight: 700; font-size: 11.5px; padding: 1px 7px; border-radius: 999px; background: var(--danger); color: #fff; margin-right: 6px; white-space: nowrap; }
.status-line { display: flex; align-items: baseline; flex-wrap: wrap; gap: 2px; }
.reason { font-size: 13px; }
aside h2 { font-size: 14px; margin: 0; padding: 12px 14px; border-bottom: 1px solid var(--line); display: flex; justify-content: space-between; }
aside h2 span { color: var(--muted); font-weight: 500; }
#rejected { list-style: none; margin: 0; padding: 6px 0; max-height: calc(100vh - 150px); overflow-y: auto; }
#rejected li { padding: 9px 14px; border-bottom: 1px solid #f0f2f6; font-size: 13px; }
#rejected li:last-child { border-bottom: none; }
#rejected .path { display: block; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 11.5px; color: var(--muted); margin-top: 3px; overflow-wrap: anywhere; }
#rejected .reason { color: var(--ink); }
.none { color: var(--muted); font-size: 13px; padding: 10px 14px; }
.empty { grid-column: 1 / -1; text-align: center; color: var(--muted); padding: 60px 20px; border: 2px dashed var(--line); border-radius: 14px; font-size: 14px; }
.empty code { font-family: ui-monospace, Menlo, Consolas, monospace; color: var(--ink); }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } }
`;

const SCRIPT = `
(function () {
	'use strict';
	var STATUS_TEXT = { 0: 'Dropped', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 429: 'Too Many Requests' };
	var conversationsEl = document.getElementById('conversations');
	var rejectedEl = document.getElementById('rejected');
	var liveEl = document.getElementById('live');
	var conversations = new Map();
	var baseUrl = '';

	function el(tag, className, text) {
		var node = document.createElement(tag);
		if (className) node.className = className;
		if (text !== undefined && text !== null) node.textContent = String(text);
		return node;
	}
	function hue(text) {
		var hash = 0;
		for (var i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) >>> 0;
		hash = Math.imul(hash ^ (hash >>> 15), 2246822507) >>> 0;
		return (hash ^ (hash >>> 13)) % 360;
	}
	function str(value) { return typeof value === 'string' ? value : JSON.stringify(value); }
	function isHttpUrl(url) { return typeof url === 'string' && /^https?:\\/\\//i.test(url); }
	function fileName(url) {
		try {
			var parts = new URL(url).pathname.split('/');
			return decodeURIComponent(parts[parts.length - 1] || '') || url;
		} catch (error) { return String(url); }
	}
	function time(ms) { return new Date(ms).toLocaleTimeString([], { hour12: false }); }
	function statusText(status) { return status === 0 ? 'Dropped' : status + (STATUS_TEXT[status] ? ' ' + STATUS_TEXT[status] : ''); }
	function link(url, text, className) {
		var a = el('a', className, text);
		if (isHttpUrl(url)) { a.href = url; a.target = '_blank'; a.rel = 'noopener noreferrer'; }
		return a;
	}

	function setCounts(counts) {
		document.querySelector('[data-count="accepted"] b').textContent = String(counts.accepted);
		document.querySelector('[data-count="rejected"] b').textContent = String(counts.rejected);
	}

	function showEmpty() {
		if (conversations.size > 0 || conversationsEl.querySelector('.empty')) return;
		var empty = el('div', 'empty');
		empty.append('No messages yet. Send one to ', el('code', '', (baseUrl || '{baseUrl}') + '/v1/message/sendContent/{contactId}'), ' and it appears here.');
		conversationsEl.append(empty);
	}

	function conversation(channel, contactId) {
		var key = channel + '\\u0000' + contactId;
		var found = conversations.get(key);
		if (found) return found;
		var empty = conversationsEl.querySelector('.empty');
		if (empty) empty.remove();
		var section = el('section', 'card conversation');
		section.setAttribute('data-contact', contactId);
		section.setAttribute('data-channel', channel);
		var head = el('header', 'conv-head');
		var initial = Array.from(contactId.replace(/^[^\\p{L}\\p{N}]+/u, ''))[0] || '?';
		var who = el('div', 'who');
		who.append(el('div', 'contact-id', contactId), el('span', 'channel ' + channel, channel === 'viber' ? 'Viber' : 'Standard'));
		who.querySelector('.contact-id').title = contactId;
		var count = el('span', 'conv-count');
		var avatar = el('div', 'avatar', initial);
		avatar.style.setProperty('--hue', String(hue(channel + contactId)));
		head.append(avatar, who, count);
		var list = el('ol', 'messages');
		section.append(head, list);
		conversationsEl.append(section);
		found = { list: list, count: count, messages: 0 };
		conversations.set(key, found);
		return found;
	}

	function media(type, url) {
		var bubble = el('div', 'bubble media');
		var name = fileName(url);
		var node;
		if (type === 'image') {
			node = el('img');
			node.alt = 'Image attachment: ' + name;
			node.loading = 'lazy';
			node.addEventListener('error', function () { bubble.classList.add('unavailable'); });
			var placeholder = el('div', 'placeholder');
			placeholder.append(el('span', 'kind', 'IMAGE'), el('span', '', 'Preview unavailable'));
			bubble.append(placeholder);
		} else {
			node = el(type === 'video' ? 'video' : 'audio');
			node.controls = true;
			node.preload = 'none';
			node.setAttribute('aria-label', (type === 'video' ? 'Video' : 'Audio') + ' attachment: ' + name);
			node.title = name;
		}
		if (isHttpUrl(url)) node.src = url;
		bubble.prepend(node);
		var caption = el('span', 'caption');
		caption.append(link(url, url));
		bubble.append(caption);
		return bubble;
	}

	// A line "Label: https://…" (as in a Send and Wait message) is a button a person can click.
	var ACTION_LINE = /^(\\S.{0,79}?): (https?:\\/\\/\\S+)$/;
	function textBubble(text) {
		var bubble = el('div', 'bubble plain');
		var lines = [];
		var actions = el('div', 'actions');
		text.split('\\n').forEach(function (line) {
			var action = ACTION_LINE.exec(line);
			if (!action) { lines.push(line); return; }
			var button = link(action[2], action[1]);
			button.setAttribute('data-action-link', '');
			button.title = action[2];
			actions.append(button);
		});
		bubble.append(el('p', 'text', lines.join('\\n').replace(/\\s+$/, '')));
		if (actions.children.length > 0) bubble.append(actions);
		return bubble;
	}

	function messageBubble(element) {
		var type = element.type;
		if (type === 'text') return textBubble(str(element.text));
		if (type === 'image' || type === 'video' || type === 'audio') return media(type, element.url);
		if (type === 'file') {
			var file = el('div', 'bubble file');
			var name = fileName(element.url);
			var ext = (/\\.([a-z0-9]{1,4})$/i.exec(name) || [null, 'FILE'])[1].toUpperCase();
			var info = el('div', '');
			info.append(link(element.url, name, 'file-name'), el('span', 'file-url', str(element.url)));
			file.append(el('div', 'file-icon', ext), info);
			return file;
		}
		if (type === 'quick_reply') {
			var quick = el('div', 'bubble quick');
			var replies = el('div', 'replies');
			(Array.isArray(element.replies) ? element.replies : []).forEach(function (reply) {
				var button = el('button', '', str(reply));
				button.type = 'button';
				button.disabled = true;
				button.title = 'A reply the contact can choose';
				replies.append(button);
			});
			quick.append(el('p', 'quick-title', str(element.title)), replies);
			return quick;
		}
		var other = el('div', 'bubble plain');
		other.append(el('p', 'text', JSON.stringify(element)));
		return other;
	}

	function addMessage(item) {
		var target = conversation(item.channel, item.contactId);
		var li = el('li', 'message');
		li.setAttribute('data-message-type', String(item.element.type));
		li.setAttribute('data-sequence', String(item.sequence));
		var meta = el('div', 'meta');
		meta.append(el('time', '', time(item.receivedAt)), el('span', '', '#' + item.sequence));
		if (item.forceCancelSurvey) {
			var badge = el('span', 'badge', 'forceCancelSurvey');
			badge.setAttribute('data-force-cancel-survey', '');
			badge.title = 'Cancels a survey running for the contact';
			meta.append(badge);
		}
		li.append(messageBubble(item.element), meta);
		append(target, li);
	}

	function statusLine(item) {
		var line = el('div', 'status-line');
		line.append(el('span', 'status', statusText(item.status)), el('span', 'reason', item.message));
		return line;
	}

	function addRejected(item) {
		var status = String(item.status);
		if (item.channel && item.contactId !== null) {
			var target = conversation(item.channel, item.contactId);
			var li = el('li', 'message rejected');
			li.setAttribute('data-status', status);
			var bubble = el('div', 'bubble');
			bubble.append(statusLine(item));
			var meta = el('div', 'meta');
			meta.append(el('time', '', time(item.receivedAt)), el('span', '', item.status === 0 ? 'connection dropped' : 'rejected ' + item.method));
			li.append(bubble, meta);
			append(target, li);
			return;
		}
		var none = rejectedEl.querySelector('.none');
		if (none) none.remove();
		var row = el('li', 'rejected-item');
		row.setAttribute('data-status', status);
		row.append(statusLine(item), el('span', 'path', (item.method || '-') + ' ' + (item.path || '(unparsable request)')), el('span', 'meta', time(item.receivedAt) + (item.channel ? ' · ' + item.channel : '')));
		rejectedEl.append(row);
		document.getElementById('rejected-count').textContent = String(rejectedEl.children.length);
		rejectedEl.scrollTop = rejectedEl.scrollHeight;
	}

	function append(target, li) {
		var list = target.list;
		var atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
		list.append(li);
		if (!li.classList.contains('rejected')) target.messages += 1;
		target.count.textContent = target.messages + (target.messages === 1 ? ' message' : ' messages');
		if (atBottom) list.scrollTop = list.scrollHeight;
	}

	function addItem(item) {
		if (item.kind === 'message') addMessage(item);
		else addRejected(item);
	}

	function clearAll() {
		conversations.clear();
		conversationsEl.replaceChildren();
		rejectedEl.replaceChildren(el('li', 'none', 'None so far.'));
		document.getElementById('rejected-count').textContent = '0';
		setCounts({ accepted: 0, rejected: 0 });
		showEmpty();
	}

	function onSnapshot(snapshot) {
		baseUrl = snapshot.baseUrl;
		document.getElementById('base-url').textContent = snapshot.baseUrl;
		clearAll();
		snapshot.items.forEach(addItem);
		setCounts(snapshot.counts);
		document.body.setAttribute('data-ready', '');
	}

	var source = new EventSource('events');
	source.addEventListener('snapshot', function (event) { onSnapshot(JSON.parse(event.data)); });
	source.addEventListener('item', function (event) {
		var data = JSON.parse(event.data);
		addItem(data.item);
		setCounts(data.counts);
	});
	source.addEventListener('reset', function () { clearAll(); });
	source.addEventListener('open', function () { liveEl.classList.add('on'); liveEl.textContent = 'Live'; });
	source.addEventListener('error', function () { liveEl.classList.remove('on'); liveEl.textContent = 'Reconnecting…'; });
})();
`;

export const CHAT_VIEW_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ChatCentral sandbox</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<header class="top">
	<div class="logo">C</div>
	<h1>ChatCentral sandbox</h1>
	<div class="base-url">Base URL <code id="base-url">…</code></div>
	<div class="spacer"></div>
	<div class="counts">
		<span class="count" data-count="accepted"><b>0</b> accepted</span>
		<span class="count rejected" data-count="rejected"><b>0</b> rejected</span>
	</div>
	<span class="live" id="live">Connecting…</span>
</header>
<main>
	<div id="conversations"></div>
	<aside class="card" id="rejected-panel">
		<h2>Rejected requests <span id="rejected-count">0</span></h2>
		<ol id="rejected"><li class="none">None so far.</li></ol>
	</aside>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
