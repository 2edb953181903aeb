import { ApiFailure, apiRoute, json, readBody, requireStaff } from '$server/http/api';
import type { RequestHandler } from './$types';

/**
 * POST {reachable} (technician): take the bundled demo library system offline or bring it back,
 * to show (and test) the kiosk's offline mode and its replay. 404 with a real library system.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const staff = requireStaff(runtime, event, 'technician');
		if (!runtime.demoLibrary) throw new ApiFailure(404, 'bad-request');
		const { reachable } = await readBody(event.request);
		if (typeof reachable !== 'boolean') throw new ApiFailure(400, 'bad-request');
		await runtime.demoLibrary.setReachable(reachable);
		runtime.desk.audit.record(staff.account, 'demo-library-switched', null, reachable ? 'reachable' : 'unreachable');
		return json({ reachable: runtime.demoLibrary.reachable });
	});
