/** n8n's OpenAI credential (type openAiApi) pointing at a model stand-in, as `n8n import:credentials` takes it. */
export const OPENAI_STAND_IN_CREDENTIAL = { id: 'openAiStandIn0001', name: 'OpenAI stand-in' };

export function openAiCredential(url: string): Record<string, unknown> {
	return { ...OPENAI_STAND_IN_CREDENTIAL, type: 'openAiApi', data: { apiKey: 'sk-stand-in-not-a-real-key', url } };
}
