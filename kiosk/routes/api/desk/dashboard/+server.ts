import type { DeskDashboard } from '$lib/api/desk-contract';
import { deviceList } from '$server/devices/device-list';
import { apiRoute, json, requireStaff } from '$server/http/api';
import type { RequestHandler } from './$types';

/**
 * GET (staff, technicians, admins): today's loans and returns per hour, store and forward, and the
 * devices' states. Counts and states only: the exceptions are counted, never opened (no sealed card
 * is unsealed for this), and what lies on the pad is left out.
 */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'staff', 'technician');
		return json({
			today: runtime.desk.hours.today(),
			library: { online: runtime.offline.online, waiting: runtime.offline.ledger.waiting(), exceptions: runtime.offlineQueue.exceptions().length },
			devices: deviceList(runtime)
		} satisfies DeskDashboard);
	});
