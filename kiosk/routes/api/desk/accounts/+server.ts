import { isStaffRole } from '$server/staff/staff-store';
import { apiRoute, ApiFailure, json, readBody, requireStaff, stringField } from '$server/http/api';
import { accountErrors } from '$server/http/desk-http';
import { accountView } from '$server/staff/staff-accounts';
import { MAX_PASSWORD_LENGTH } from '$server/staff/staff-password';
import type { StaffAccountView } from '$lib/api/desk-contract';
import type { RequestHandler } from './$types';

/** GET (admin): every account, by name, without password hashes. */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'admin');
		return json(runtime.desk.accounts.list() satisfies StaffAccountView[]);
	});

/**
 * POST {name, role, password} (admin): a new account with its first password, 201. 400
 * `invalid-name`, `password-too-short` (with `minLength`), `password-too-long`; 409 `account-exists`.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const { account: admin } = requireStaff(runtime, event, 'admin');
		const body = await readBody(event.request);
		const role = body.role;
		if (!isStaffRole(role)) throw new ApiFailure(400, 'bad-request');
		const created = await accountErrors(() =>
			runtime.desk.accounts.create(admin, stringField(body, 'name', 64), role, stringField(body, 'password', MAX_PASSWORD_LENGTH * 4))
		);
		runtime.log.info('desk account created', { account: created.name, role, by: admin });
		return json(accountView(created) satisfies StaffAccountView, 201);
	});
