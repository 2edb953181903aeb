import { ApiFailure, apiRoute, json, readBody } from '$server/http/api';
import type { SimulatedLibraryTag } from '$server/devices/pad-simulator-control';
import type { RequestHandler } from './$types';

/**
 * The simulated RFID pad (demo and e2e tests only; 404 with a real reader): lay tags on it, take
 * them off, make a security write fail, and see each tag's AFI and EAS and how many tags the pad sees.
 */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async ({ padSimulator, rfid }) => {
		if (!padSimulator) throw new ApiFailure(404, 'bad-request');
		// `seen`: what the pad driver currently reports, which trails the simulator by up to two polls.
		return json({ tags: padSimulator.tags(), seen: rfid?.pad.snapshot().tags.length ?? 0 });
	});

export const POST: RequestHandler = (event) =>
	apiRoute(event, async ({ padSimulator }) => {
		if (!padSimulator) throw new ApiFailure(404, 'bad-request');
		const body = await readBody(event.request);
		switch (body.action) {
			case 'place':
				return json({ uids: padSimulator.place(tagsOf(body.tags)) });
			case 'remove':
				padSimulator.remove(uidsOf(body.uids));
				return json({ ok: true });
			case 'clear':
				padSimulator.clear();
				return json({ ok: true });
			case 'fail-next-write':
				for (const uid of uidsOf(body.uids)) padSimulator.failNextWrite(uid);
				return json({ ok: true });
			default:
				throw new ApiFailure(400, 'bad-request');
		}
	});

function tagsOf(value: unknown): SimulatedLibraryTag[] {
	if (!Array.isArray(value) || value.length > 50) throw new ApiFailure(400, 'bad-request');
	return value.map((tag: unknown) => {
		const t = tag as Partial<SimulatedLibraryTag>;
		if (typeof t?.id !== 'string' || !/^[A-Za-z0-9-]{1,16}$/.test(t.id)) throw new ApiFailure(400, 'bad-request');
		if (t.uid !== undefined && (typeof t.uid !== 'string' || !/^[0-9A-Fa-f]{16}$/.test(t.uid))) throw new ApiFailure(400, 'bad-request');
		return { id: t.id, kind: t.kind === 'member-card' ? 'member-card' : 'item', part: num(t.part), of: num(t.of), afi: num(t.afi), uid: t.uid };
	});
}

function uidsOf(value: unknown): string[] {
	if (!Array.isArray(value) || !value.every((uid) => typeof uid === 'string' && /^[0-9A-Fa-f]{16}$/.test(uid))) throw new ApiFailure(400, 'bad-request');
	return value as string[];
}

function num(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 255 ? value : undefined;
}
