import type { ZvtSimulatedPayment } from '$drivers/payment';
import { ApiFailure, apiRoute, json, readBody } from '$server/http/api';
import type { RequestHandler } from './$types';

const BEHAVIOURS = ['approve', 'decline', 'abort-at-terminal', 'wait-for-card', 'approve-when-card-presented', 'silence', 'no-acknowledgement', 'hang-up', 'refuse'] as const;

/**
 * The simulated payment terminal (demo and e2e tests only; 404 with a real one): how it answers the
 * next payment ({behaviour}), or a card arrives ({action: 'present-card'}). It speaks the terminal's
 * bytes either way; this only picks the script.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async ({ devices }) => {
		const simulator = devices.paymentSimulator;
		if (!simulator) throw new ApiFailure(404, 'bad-request');
		const { behaviour, action } = await readBody(event.request);
		// The member's card arrives at a terminal that waits for it.
		if (action === 'present-card') return json({ ok: simulator.presentCard() });
		if (typeof behaviour !== 'string' || !(BEHAVIOURS as readonly string[]).includes(behaviour)) throw new ApiFailure(400, 'bad-request');
		simulator.enqueue({ kind: behaviour } as ZvtSimulatedPayment);
		return json({ ok: true });
	});
