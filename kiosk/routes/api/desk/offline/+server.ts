import type { OfflineOverview } from '$lib/api/contract';
import { staffExceptions } from '$offline/staff-exceptions';
import { apiRoute, json, requireStaff } from '$server/http/api';
import type { RequestHandler } from './$types';

/** GET (staff): store and forward: online or not, how many wait, and the refused replays to settle. */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'staff');
		return json({ online: runtime.offline.online, waiting: runtime.offline.ledger.waiting(), exceptions: staffExceptions(runtime.offlineQueue, runtime.sealer) } satisfies OfflineOverview);
	});
