import type { KioskConfig } from '$lib/api/contract';
import { apiRoute, json } from '$server/http/api';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) =>
	apiRoute(event, async ({ config }) =>
		json({
			libraryName: config.libraryName,
			idleTimeoutS: config.idleTimeoutS,
			idleWarningS: config.idleWarningS,
			language: config.languages.default,
			languageToggle: config.languages.toggle
		} satisfies KioskConfig)
	);
