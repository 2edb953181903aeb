import type { TechnicianDevices } from '$lib/api/contract';
import { staffExceptions } from '$offline/staff-exceptions';
import { deviceList } from '$server/devices/device-list';
import { apiRoute, json, requireStaff } from '$server/http/api';
import type { RequestHandler } from './$types';

/** GET: every device with its port, protocol and state, the tags on the pad, and store and forward (the technician page polls it). */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'technician');
		return json({
			devices: deviceList(runtime),
			padTags: runtime.rfid?.pad.decodedTags() ?? [],
			offline: { online: runtime.offline.online, waiting: runtime.offline.ledger.waiting(), exceptions: staffExceptions(runtime.offlineQueue, runtime.sealer) }
		} satisfies TechnicianDevices);
	});
