import type { SettingsApplied, SettingsImportPreview, SettingsRefusal } from '$lib/api/settings-contract';
import { apiRoute, json, readBody, requireStaff } from '$server/http/api';
import { KioskSettingsError } from '$server/settings/kiosk-settings';
import type { RequestHandler } from './$types';

/**
 * POST {file, apply}: an exported settings file, checked as a whole. `apply: false` answers the
 * changes it would make and changes nothing; `apply: true` saves and applies them (audited as an
 * import and per field). The kiosk keeps its own secrets. A bad file: 400 with the field and the
 * problem, and nothing applied.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const { account } = requireStaff(runtime, event, 'technician');
		const body = await readBody(event.request);
		try {
			if (body.apply === true) return json((await runtime.settings.importFile(account, body.file)) satisfies SettingsApplied);
			return json({ changes: runtime.settings.preview(body.file) } satisfies SettingsImportPreview);
		} catch (error) {
			if (error instanceof KioskSettingsError) return json({ error: 'bad-request', field: error.field, problem: error.problem } satisfies SettingsRefusal, 400);
			throw error;
		}
	});
