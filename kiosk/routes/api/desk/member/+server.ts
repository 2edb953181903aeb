import type { DeskMemberView } from '$lib/api/contract';
import { DeskService } from '$server/desk/desk-service';
import { apiRoute, json, readBody, requireStaff, stringField } from '$server/http/api';
import type { RequestHandler } from './$types';

/**
 * POST {card} (staff): the member as staff see them, or `member: null` for an unknown card. In the
 * body, never the URL: a card number is personal. Every look is written to the audit log.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const staff = requireStaff(runtime, event, 'staff');
		const card = stringField(await readBody(event.request), 'card', 40);
		const member = await new DeskService(runtime.circulation, { libraryName: runtime.config.libraryName }).findMember(card);
		runtime.desk.audit.record(staff.account, 'member-viewed', { card }, member ? '' : 'unknown card');
		return json({ member } satisfies { member: DeskMemberView | null });
	});
