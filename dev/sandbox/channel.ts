export type Channel = 'standard' | 'viber';

export type ChannelTokens = Record<Channel, string>;

/** The channel whose token the `Authorization: Bearer <token>` header carries, or null. */
export function channelOfAuthorization(
	authorization: string | undefined,
	tokens: ChannelTokens,
): Channel | null {
	const match = /^Bearer (.+)$/i.exec(authorization ?? '');
	if (match === null) return null;
	const token = match[1];
	if (token === tokens.standard) return 'standard';
	if (token === tokens.viber) return 'viber';
	return null;
}
