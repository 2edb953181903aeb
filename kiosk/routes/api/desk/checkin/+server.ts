import type { DeskCheckinResult } from '$lib/api/contract';
import { DeskService } from '$server/desk/desk-service';
import { apiRoute, json, readBody, requireStaff, stringField } from '$server/http/api';
import type { RequestHandler } from './$types';

/** POST {itemId} (staff): take a return; a hold-shelf or transit slip is printed and answered. */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'staff');
		const itemId = stringField(await readBody(event.request), 'itemId');
		const result = await new DeskService(runtime.circulation, { libraryName: runtime.config.libraryName }).checkin(itemId);
		if (result.slip) await runtime.devices.printSlip(result.slip);
		return json(result satisfies DeskCheckinResult);
	});
