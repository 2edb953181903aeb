import { formatKoc, KocCardError, kocEntriesOf } from '$offline/koc-export';
import { ApiFailure, apiRoute, requireStaff } from '$server/http/api';
import { version } from '../../../../../../package.json';
import type { RequestHandler } from './$types';

/**
 * GET: the waiting offline queue as a Koha offline circulation file (.koc), for staff who upload
 * by hand. It holds card numbers, so it is for a technician or admin desk session only and never cached. The
 * queue is not cleared: the kiosk still replays it when the library system is back.
 */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const { account } = requireStaff(runtime, event, 'technician');
		let text: string;
		try {
			text = formatKoc(kocEntriesOf(runtime.offlineQueue.pending(), runtime.sealer), version);
		} catch (error) {
			// The key does not open a queued card: a file missing that loan would mislead.
			if (error instanceof KocCardError) throw new ApiFailure(500, 'internal');
			throw error;
		}
		const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
		runtime.log.info('offline queue exported as .koc', { transactions: runtime.offlineQueue.count(), account });
		// The file holds card numbers in full: who took it is worth knowing.
		runtime.desk.audit.record(account, 'offline-exported', null, `${runtime.offlineQueue.count()} transactions`);
		return new Response(text, {
			headers: {
				'content-type': 'text/plain; charset=utf-8',
				'content-disposition': `attachment; filename="offline-${stamp}.koc"`,
				'cache-control': 'no-store'
			}
		});
	});
