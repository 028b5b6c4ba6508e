import { startModelStandIn, toolMessages, toolNamed, type ChatCompletionRequest, type ModelStandIn } from '../../dev/modelStandIn/server';

const TOOLS = [
	{ type: 'function', function: { name: 'ChatCentral_send', description: 'Send a text', parameters: { type: 'object', properties: {} } } },
];

const post = (standIn: ModelStandIn, body: unknown, path = '/chat/completions') =>
	fetch(`${standIn.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer sk-x' }, body: JSON.stringify(body) });

/** The data lines of a server-sent-events answer, parsed, without the final [DONE]. */
async function events(response: Response): Promise<Array<Record<string, any>>> {
	const lines = (await response.text()).split('\n').filter((line) => line.startsWith('data: '));
	expect(lines.at(-1)).toBe('data: [DONE]');
	return lines.slice(0, -1).map((line) => JSON.parse(line.slice('data: '.length)));
}

describe('the OpenAI-compatible model stand-in', () => {
	let standIn: ModelStandIn;
	afterEach(async () => await standIn.close());

	it('listens on loopback and answers a text without streaming', async () => {
		standIn = await startModelStandIn(() => ({ content: 'Hello there' }));
		expect(new URL(standIn.url).hostname).toBe('127.0.0.1');
		const response = await post(standIn, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
		expect(response.status).toBe(200);
		const body: unknown = await response.json();
		expect(body).toMatchObject({
			object: 'chat.completion',
			model: 'gpt-4o-mini',
			choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there' }, finish_reason: 'stop' }],
		});
	});

	it('answers tool calls, with ids unique over its life, and keeps every request', async () => {
		standIn = await startModelStandIn((request, index) => ({ toolCalls: [{ name: request.tools![0].function.name, arguments: { text: `call ${index}` } }] }));
		const bodies: Array<Record<string, any>> = [];
		for (let i = 0; i < 2; i++) {
			bodies.push((await (await post(standIn, { model: 'm', messages: [{ role: 'user', content: `hi ${i}` }], tools: TOOLS })).json()) as Record<string, any>);
		}
		expect(bodies.map((body) => body.choices[0].finish_reason)).toEqual(['tool_calls', 'tool_calls']);
		const calls = bodies.map((body) => body.choices[0].message.tool_calls[0]);
		expect(calls[0]).toMatchObject({ type: 'function', function: { name: 'ChatCentral_send', arguments: '{"text":"call 0"}' } });
		expect(calls[0].id).not.toBe(calls[1].id);
		expect(standIn.requests.map(({ body }) => body.messages[0].content)).toEqual(['hi 0', 'hi 1']);
		expect(standIn.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
		expect(standIn.requests[0].headers.authorization).toBe('Bearer sk-x');
	});

	it('streams a text as chunks: the role, the content, the finish reason, usage when asked', async () => {
		standIn = await startModelStandIn(() => ({ content: 'Streamed' }));
		const response = await post(standIn, { model: 'm', messages: [], stream: true, stream_options: { include_usage: true } });
		expect(response.headers.get('content-type')).toBe('text/event-stream');
		const chunks = await events(response);
		expect(chunks.every(({ object }) => object === 'chat.completion.chunk')).toBe(true);
		expect(chunks.map(({ choices }) => choices[0]?.delta.content ?? '').join('')).toBe('Streamed');
		expect(chunks.at(-2)!.choices[0].finish_reason).toBe('stop');
		expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { total_tokens: 20 } });
	});

	it('streams tool calls: each call named once, its arguments assembled from the deltas', async () => {
		standIn = await startModelStandIn(() => ({
			toolCalls: [
				{ name: 'a', arguments: { x: 1 } },
				{ name: 'b', arguments: { y: 'two' } },
			],
		}));
		const chunks = await events(await post(standIn, { model: 'm', messages: [], stream: true }));
		const assembled: Array<{ id?: string; name?: string; arguments: string }> = [];
		for (const { choices } of chunks) {
			for (const call of choices[0].delta.tool_calls ?? []) {
				assembled[call.index] ??= { arguments: '' };
				if (call.id) assembled[call.index].id = call.id;
				if (call.function.name) assembled[call.index].name = call.function.name;
				assembled[call.index].arguments += call.function.arguments;
			}
		}
		expect(assembled.map(({ name, arguments: args }) => [name, JSON.parse(args)])).toEqual([
			['a', { x: 1 }],
			['b', { y: 'two' }],
		]);
		expect(chunks.at(-1)!.choices[0].finish_reason).toBe('tool_calls');
	});

	it('refuses other paths and bad JSON, and reports a failing script as a 500', async () => {
		standIn = await startModelStandIn(() => {
			throw new Error('no answer scripted');
		});
		expect((await post(standIn, {}, '/embeddings')).status).toBe(404);
		const badJson = await fetch(`${standIn.url}/chat/completions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
		expect(badJson.status).toBe(400);
		const failed = await post(standIn, { model: 'm', messages: [] });
		expect(failed.status).toBe(500);
		expect(((await failed.json()) as { error: { message: string } }).error.message).toContain('no answer scripted');
	});
});

describe('reading a chat-completions request', () => {
	it('finds the tool results and the offered tools', () => {
		const request: ChatCompletionRequest = {
			model: 'm',
			tools: TOOLS as ChatCompletionRequest['tools'],
			messages: [
				{ role: 'user', content: 'send it' },
				{ role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'ChatCentral_send', arguments: '{}' } }] },
				{ role: 'tool', tool_call_id: 'c', content: [{ type: 'text', text: 'Replies: at most 10' }] },
			],
		};
		expect(toolMessages(request)).toEqual(['Replies: at most 10']);
		expect(toolNamed(request, 'ChatCentral')?.function.description).toBe('Send a text');
		expect(toolNamed(request, 'Slack')).toBeUndefined();
	});
});
