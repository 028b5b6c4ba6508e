import { decodeContactSegment } from './contactSegment';
import type { SandboxRequest } from './requestLog';
import { routeOf } from './route';

/** The contact a logged request was for, decoded as its channel's token asks; null when it names none. */
export function contactOfRequest(request: SandboxRequest): string | null {
	if (request.channel === null) return null;
	const route = routeOf(request.path);
	if (route.kind !== 'sendContent') return null;
	const contact = decodeContactSegment(route.contactSegment, request.channel);
	return 'contactId' in contact ? contact.contactId : null;
}
