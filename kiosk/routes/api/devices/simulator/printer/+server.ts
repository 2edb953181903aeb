import { ApiFailure, apiRoute, json, readBody, requireStaff } from '$server/http/api';
import type { RequestHandler } from './$types';

/**
 * The simulated receipt printer (demo and e2e tests only; 404 with a real printer): how many
 * receipts it cut and the last one's text, and its paper running out. A receipt holds a member's
 * titles, so this answers to a technician only, like the printer test on the technician page.
 */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'technician');
		const simulator = runtime.devices.printerSimulator;
		if (!simulator) throw new ApiFailure(404, 'bad-request');
		return json({ receipts: simulator.receipts.length, last: simulator.lastReceiptText(), paperOut: simulator.paperOut });
	});

/** POST {paperOut: boolean}. */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'technician');
		const simulator = runtime.devices.printerSimulator;
		if (!simulator) throw new ApiFailure(404, 'bad-request');
		const { paperOut } = await readBody(event.request);
		if (typeof paperOut !== 'boolean') throw new ApiFailure(400, 'bad-request');
		simulator.paperOut = paperOut;
		return json({ paperOut });
	});
