import { apiRoute, requireStaff } from '$server/http/api';
import type { RequestHandler } from './$types';

/**
 * GET: the kiosk settings as one file, to set up the next kiosk the same way. No secrets (the SIP2
 * password, the offline key, the terminal's and the mail server's passwords): the file names the
 * ones left out. Who took it goes into the audit log.
 */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const { account } = requireStaff(runtime, event, 'technician');
		const file = runtime.settings.exportFile(account);
		const stamp = file.exportedAt.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
		return new Response(`${JSON.stringify(file, null, '\t')}\n`, {
			headers: {
				'content-type': 'application/json; charset=utf-8',
				'content-disposition': `attachment; filename="kiosk-settings-${stamp}.json"`,
				'cache-control': 'no-store'
			}
		});
	});
