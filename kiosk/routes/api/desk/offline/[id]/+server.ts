import { EXCEPTION_RESOLUTIONS, resolveOfflineException, UnretryableExceptionError, type ExceptionResolution } from '$offline/exception-resolution';
import { UnknownExceptionError } from '$offline/queue/offline-queue';
import { ApiFailure, apiRoute, json, readBody, requireStaff } from '$server/http/api';
import type { RequestHandler } from './$types';

/**
 * POST {resolution} (staff): settle one refused replay: `retry` (back into the queue),
 * `done-by-hand` or `discard`. Written to the audit log with the card masked.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const staff = requireStaff(runtime, event, 'staff');
		const id = Number(event.params.id);
		const { resolution } = await readBody(event.request);
		if (!Number.isInteger(id) || typeof resolution !== 'string' || !EXCEPTION_RESOLUTIONS.includes(resolution as ExceptionResolution)) throw new ApiFailure(400, 'bad-request');
		let resolved;
		try {
			resolved = resolveOfflineException(runtime.offlineQueue, runtime.sealer, id, resolution as ExceptionResolution);
		} catch (error) {
			if (error instanceof UnknownExceptionError) throw new ApiFailure(404, 'bad-request');
			if (error instanceof UnretryableExceptionError) throw new ApiFailure(409, 'bad-request');
			throw error;
		}
		runtime.desk.audit.record(staff.account, 'resolved', resolved.card ? { card: resolved.card } : { ref: resolved.itemId }, `${resolution}: ${resolved.kind} ${resolved.itemId}`);
		// A retry may be replayed at once if the library system is there.
		if (resolution === 'retry') runtime.offline.queued();
		return json({ ok: true });
	});
