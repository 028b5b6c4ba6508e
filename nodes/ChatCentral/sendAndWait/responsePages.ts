import { escapeHtml } from './escapeHtml';

/**
 * The pages a contact sees after following a link of a Send and Wait message: self-contained
 * (inline style, no script, no external asset), every echoed text escaped.
 */

/** Headers of every page: nothing loads from elsewhere, and a form posts only back here. */
export const PAGE_HEADERS = {
	'Content-Type': 'text/html; charset=utf-8',
	'Cache-Control': 'no-store',
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'Content-Security-Policy':
		"default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
} as const;

const STYLE = `
body { margin: 0; min-height: 100vh; display: grid; place-items: center; background: #f4f6fa; color: #1d2433;
	font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; }
main { width: min(440px, calc(100vw - 32px)); background: #fff; border: 1px solid #e3e7ef; border-radius: 14px;
	padding: 28px; box-shadow: 0 1px 2px rgba(16, 24, 40, 0.06); }
h1 { font-size: 20px; margin: 0 0 10px; }
p { margin: 0 0 14px; line-height: 1.5; color: #4b5365; white-space: pre-wrap; overflow-wrap: anywhere; }
.answer { font-weight: 650; color: #1d2433; }
label { display: block; font-weight: 600; margin-bottom: 6px; }
textarea { width: 100%; box-sizing: border-box; min-height: 120px; font: inherit; padding: 10px; border: 1px solid #c9d1df; border-radius: 8px; }
button { margin-top: 14px; font: inherit; font-weight: 600; color: #fff; background: #2563eb; border: 0; border-radius: 8px; padding: 10px 18px; cursor: pointer; }
.error { color: #c62828; font-weight: 600; }
`;

function page(title: string, body: string): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** After an answer was taken: what was recorded. */
export function answeredPage(answer: string): string {
	return page(
		'Got it, thanks',
		`<h1>Got it, thanks</h1>
<p>Your answer: <span class="answer" data-answer>${escapeHtml(answer)}</span></p>
<p>You can close this page now.</p>`,
	);
}

/** Shown to a link preview or bot: it resumes nothing. */
export function linkPreviewPage(): string {
	return page(
		'Open this link to answer',
		`<h1>Open this link to answer</h1>
<p>This link records an answer when a person opens it in a browser. Nothing was recorded.</p>`,
	);
}

export interface AnswerForm {
	title: string;
	description: string;
	buttonLabel: string;
	/** Shown above the field when a submitted answer was refused. */
	error?: string;
}

/** The free-text answer form; it posts back to the address it was opened at (the signed link). */
export function answerFormPage({ title, description, buttonLabel, error }: AnswerForm): string {
	const heading = title.trim() === '' ? 'Your answer' : title;
	return page(
		heading,
		`<h1>${escapeHtml(heading)}</h1>
${description.trim() === '' ? '' : `<p>${escapeHtml(description)}</p>`}
${error === undefined ? '' : `<p class="error" role="alert">${escapeHtml(error)}</p>`}
<form method="post">
<label for="text">Response</label>
<textarea id="text" name="text" required></textarea>
<button type="submit">${escapeHtml(buttonLabel)}</button>
</form>`,
	);
}
