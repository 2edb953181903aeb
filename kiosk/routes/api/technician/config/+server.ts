import type { SettingsApplied, SettingsRefusal, SettingsView } from '$lib/api/settings-contract';
import { apiRoute, json, readBody, requireStaff } from '$server/http/api';
import { KioskSettingsError } from '$server/settings/kiosk-settings';
import type { RequestHandler } from './$types';

/** GET: the kiosk settings (SETTINGS_FILE over the environment). Never the SIP2 password: only whether there is one. */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'technician');
		return json(runtime.settings.view() satisfies SettingsView);
	});

/**
 * PUT {settings, password?}: checks every value, saves (SETTINGS_FILE) and applies what can be
 * applied without a restart; one audit entry per changed field. Answers the settings and the
 * changes, or 400 with the field and the problem (nothing saved then).
 */
export const PUT: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const { account } = requireStaff(runtime, event, 'technician');
		const body = await readBody(event.request);
		try {
			return json((await runtime.settings.save(account, body)) satisfies SettingsApplied);
		} catch (error) {
			if (error instanceof KioskSettingsError) return json({ error: 'bad-request', field: error.field, problem: error.problem } satisfies SettingsRefusal, 400);
			throw error;
		}
	});
