/**
 * The contact ID as the one path segment of `/v1/message/sendContent/{contactId}`.
 * Percent-encoding keeps `/ ? # % +`, spaces and non-ASCII inside the segment, so an ID can
 * never change the path. Viber channels require the ID as standard Base64 of its UTF-8
 * bytes, whose `/ + =` are then percent-encoded as well.
 */
export function contactIdPathSegment(contactId: string, viberChannel: boolean): string {
	const id = viberChannel ? Buffer.from(contactId, 'utf8').toString('base64') : contactId;
	return encodeURIComponent(id);
}
