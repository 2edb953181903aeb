import type { DeviceInfo, DeviceState, TechnicianDevices } from '$lib/api/contract';
import { staffExceptions } from '$offline/staff-exceptions';
import { apiRoute, json, requireStaff } from '$server/http/api';
import type { KioskRuntime } from '$server/kiosk-runtime';
import type { RequestHandler } from './$types';

/** GET: every device with its port, protocol and state, the tags on the pad, and store and forward (the technician page polls it). */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'technician');
		return json({
			devices: [padInfo(runtime), ...runtime.devices.devices()],
			padTags: runtime.rfid?.pad.decodedTags() ?? [],
			offline: { online: runtime.offline.online, waiting: runtime.offline.ledger.waiting(), exceptions: staffExceptions(runtime.offlineQueue, runtime.sealer) }
		} satisfies TechnicianDevices);
	});

function padInfo({ rfid, padSimulator }: KioskRuntime): DeviceInfo {
	if (!rfid) return { kind: 'rfid-pad', name: 'RFID pad', port: '-', protocol: '-', state: 'not-configured', reason: null, simulated: false };
	const status = rfid.pad.snapshot().status;
	const state: DeviceState = status === 'none' ? 'not-configured' : status;
	return { kind: 'rfid-pad', name: 'RFID pad', port: rfid.pad.description, protocol: rfid.pad.protocol === '3m' ? '3M / Bibliotheca' : 'FEIG ISC', state, reason: rfid.pad.reason, simulated: padSimulator !== null };
}

