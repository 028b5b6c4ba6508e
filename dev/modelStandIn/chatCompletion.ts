// OpenAI's chat-completions shapes, as much of them as n8n's OpenAI Chat Model (LangChain's
// ChatOpenAI) sends and reads: the request, and the answer as one JSON object or as
// server-sent chunks.

/** What the scripted model says next: a text, or calls of the tools it was offered. */
export type ModelTurn = { content: string } | { toolCalls: ToolCall[] };

export interface ToolCall {
	name: string;
	arguments: Record<string, unknown>;
}

export interface ChatMessage {
	role: 'system' | 'user' | 'assistant' | 'tool' | 'developer';
	content: string | null | Array<{ type: string; text?: string }>;
	tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export interface OfferedTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export interface ChatCompletionRequest {
	model: string;
	messages: ChatMessage[];
	tools?: OfferedTool[];
	stream?: boolean;
	[other: string]: unknown;
}

/** An answer's identity: `call_<answer>_<n>` tool-call ids are unique over a stand-in's life. */
export interface AnswerIdentity {
	answer: number;
	model: string;
	created: number;
}

const USAGE = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };

function toolCallsOf(turn: ModelTurn, { answer }: AnswerIdentity) {
	if (!('toolCalls' in turn)) return undefined;
	return turn.toolCalls.map((call, index) => ({
		id: `call_${answer}_${index}`,
		type: 'function' as const,
		function: { name: call.name, arguments: JSON.stringify(call.arguments) },
	}));
}

const finishReason = (turn: ModelTurn): string => ('toolCalls' in turn ? 'tool_calls' : 'stop');

/** The non-streaming answer: one `chat.completion` object. */
export function completion(turn: ModelTurn, identity: AnswerIdentity): Record<string, unknown> {
	const toolCalls = toolCallsOf(turn, identity);
	return {
		id: `chatcmpl-${identity.answer}`,
		object: 'chat.completion',
		created: identity.created,
		model: identity.model,
		choices: [
			{
				index: 0,
				message: { role: 'assistant', content: 'content' in turn ? turn.content : null, ...(toolCalls ? { tool_calls: toolCalls } : {}) },
				logprobs: null,
				finish_reason: finishReason(turn),
			},
		],
		usage: USAGE,
	};
}

/**
 * The streaming answer: `chat.completion.chunk` objects as OpenAI sends them: the role, then the
 * content, or each tool call's name and then its arguments, then the finish reason, then usage
 * (asked for with `stream_options.include_usage`).
 */
export function completionChunks(turn: ModelTurn, identity: AnswerIdentity, includeUsage: boolean): Record<string, unknown>[] {
	const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
		id: `chatcmpl-${identity.answer}`,
		object: 'chat.completion.chunk',
		created: identity.created,
		model: identity.model,
		choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
	});
	const deltas: Record<string, unknown>[] = [{ role: 'assistant', content: '' }];
	if ('content' in turn) {
		deltas.push({ content: turn.content });
	} else {
		toolCallsOf(turn, identity)?.forEach((call, index) => {
			deltas.push({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] });
			deltas.push({ tool_calls: [{ index, function: { arguments: call.function.arguments } }] });
		});
	}
	const chunks: Record<string, unknown>[] = [...deltas.map((delta) => chunk(delta)), chunk({}, finishReason(turn))];
	if (includeUsage) {
		chunks.push({ id: `chatcmpl-${identity.answer}`, object: 'chat.completion.chunk', created: identity.created, model: identity.model, choices: [], usage: USAGE });
	}
	return chunks;
}

/** The contents of the request's tool results (`role: 'tool'` messages), oldest first. */
export function toolMessages(request: ChatCompletionRequest): string[] {
	return request.messages.filter(({ role }) => role === 'tool').map(({ content }) => textOf(content));
}

/** The tool offered in the request whose name contains `fragment`, if any. */
export function toolNamed(request: ChatCompletionRequest, fragment: string): OfferedTool | undefined {
	return request.tools?.find(({ function: { name } }) => name.includes(fragment));
}

function textOf(content: ChatMessage['content']): string {
	if (content === null) return '';
	if (typeof content === 'string') return content;
	return content.map(({ text }) => text ?? '').join('');
}
