import { BACKGROUND_REQUESTS } from '../../messaging/protocol';
import { requesterFor } from './requester';

/**
 * Any request of lib/messaging/protocol.ts, for the options page, popup, console and first-run
 * page. The sidebar uses `sidebarRequest` (./sidebar-client.ts): it must not build every schema.
 */
export const request = requesterFor(BACKGROUND_REQUESTS);
