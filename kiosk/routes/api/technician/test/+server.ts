import type { LibraryTestResult, PadTestResult } from '$lib/api/contract';
import { Sip2Error } from '$server/sip2';
import { ApiFailure, apiRoute, json, readBody, requireStaff } from '$server/http/api';
import type { RequestHandler } from './$types';

/** A demo item for the pad test; its number is not in the demo catalogue, so nothing is borrowed by accident. */
const DEMO_TAG_ID = 'TECHTEST01';
/** The simulated pad polls every 200 ms; a tag is read within a few polls. */
const PAD_READ_WAIT_MS = 3_000;

/**
 * POST {test}: `print` a test receipt, `payment` of EUR 0.01, `library`: one status request to the
 * library system, or `pad`: lay a demo item tag on the simulated pad and answer with what the pad
 * decoded (404 with a real pad).
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'technician');
		const body = await readBody(event.request);
		switch (body.test) {
			case 'print':
				return json(await runtime.devices.printTestReceipt());
			case 'payment':
				return json(await runtime.devices.testPayment());
			case 'library': {
				const started = performance.now();
				try {
					const status = await runtime.sip.request({ command: '99', statusCode: '0', maxPrintWidth: 40, protocolVersion: '2.00' });
					return json({
						ok: true,
						ms: Math.round(performance.now() - started),
						online: status.onlineStatus,
						checkoutOk: status.checkoutOk,
						checkinOk: status.checkinOk,
						offlineOk: status.offlineOk,
						institutionId: status.institutionId ?? '',
						libraryName: status.libraryName ?? null,
						protocolVersion: status.protocolVersion
					} satisfies LibraryTestResult);
				} catch (error) {
					if (!(error instanceof Sip2Error)) throw error;
					return json({ ok: false, state: runtime.sip.state, problem: error.message } satisfies LibraryTestResult);
				}
			}
			case 'pad': {
				const { rfid, padSimulator } = runtime;
				if (!rfid || !padSimulator) throw new ApiFailure(404, 'bad-request');
				const [uid] = padSimulator.place([{ id: DEMO_TAG_ID }]);
				try {
					const deadline = Date.now() + PAD_READ_WAIT_MS;
					while (Date.now() < deadline && !rfid.pad.decodedTags().some((tag) => tag.uid === uid)) await new Promise((resolve) => setTimeout(resolve, 50));
					return json({ tags: rfid.pad.decodedTags().filter((tag) => tag.uid === uid) } satisfies PadTestResult);
				} finally {
					if (uid) padSimulator.remove([uid]);
				}
			}
			default:
				throw new ApiFailure(400, 'bad-request');
		}
	});
