import { BUILDER_REQUESTS } from '../../messaging/builder-requests';
import { SIDEBAR_REQUESTS } from '../../messaging/sidebar-requests';
import { requesterFor } from './requester';

/**
 * The requests the sidebar page sends, validated against their own schemas only: building the
 * whole protocol's took the sidebar about 35 ms of its start, before the first card (issue #15).
 */
export const sidebarRequest = requesterFor({ ...SIDEBAR_REQUESTS, ...BUILDER_REQUESTS });
