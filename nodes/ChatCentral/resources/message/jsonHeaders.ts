/** The headers of every request to the API (the credential adds Authorization). */
export const JSON_HEADERS = {
	Accept: 'application/json',
	'Content-Type': 'application/json',
} as const;
