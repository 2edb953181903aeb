import { apiRoute, ApiFailure, json, readBody, requireStaff } from '$server/http/api';
import { accountErrors } from '$server/http/desk-http';
import { MAX_PASSWORD_LENGTH } from '$server/staff/staff-password';
import type { StaffAccountView } from '$lib/api/desk-contract';
import type { RequestHandler } from './$types';

/**
 * PATCH {password} (admin): a new password, which ends the account's sessions; or {disabled}:
 * disable or enable the account (a disabled account's sessions end at once). An admin cannot
 * disable their own account: the last admin would lock everyone out. Answers the account list.
 */
export const PATCH: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const { account: admin } = requireStaff(runtime, event, 'admin');
		const body = await readBody(event.request);
		const { accounts, auth } = runtime.desk;
		const name = event.params.name;
		if (typeof body.password === 'string' && body.disabled === undefined) {
			if (body.password.length > MAX_PASSWORD_LENGTH * 4) throw new ApiFailure(400, 'password-too-long');
			await accountErrors(() => accounts.resetPassword(admin, name, body.password as string));
		} else if (typeof body.disabled === 'boolean' && body.password === undefined) {
			const disabled = body.disabled;
			await accountErrors(async () => {
				if (disabled && name.trim().toLowerCase() === admin) throw new ApiFailure(400, 'bad-request');
				accounts.setDisabled(admin, name, disabled);
			});
		} else {
			throw new ApiFailure(400, 'bad-request');
		}
		auth.endSessionsOf(name.trim().toLowerCase());
		runtime.log.info('desk account changed', { by: admin, change: typeof body.password === 'string' ? 'password' : body.disabled ? 'disabled' : 'enabled' });
		return json(accounts.list() satisfies StaffAccountView[]);
	});
