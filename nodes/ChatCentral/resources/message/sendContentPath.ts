import { contactIdPathSegment } from './contactIdPathSegment';

/** The path, under the Base URL, of the API's one endpoint for this contact. */
export function sendContentPath(contactId: string, viberChannel: boolean): string {
	return `/v1/message/sendContent/${contactIdPathSegment(contactId, viberChannel)}`;
}
