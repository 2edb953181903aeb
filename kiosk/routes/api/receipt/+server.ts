import type { ReceiptChannel, ReceiptOptions, ReceiptResult } from '$lib/api/contract';
import { ApiFailure, apiRoute, json, readBody, requireSession } from '$server/http/api';
import type { RequestHandler } from './$types';

/** Which receipt the member may have of their session so far: print, e-mail (masked address) or neither. */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const session = requireSession(runtime, event.cookies);
		return json((await runtime.receipts.options(session)) satisfies ReceiptOptions);
	});

/**
 * POST {channel, language}: the receipt of the whole session so far, printed or e-mailed. The
 * e-mail goes only to the address the library system has: the body carries none.
 */
export const POST: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const session = requireSession(runtime, event.cookies);
		const { channel, language } = await readBody(event.request);
		if (channel !== 'print' && channel !== 'email') throw new ApiFailure(400, 'bad-request');
		const receiptLanguage = language === 'en' ? 'en' : 'nl';
		return json((await runtime.receipts.send(session, channel satisfies ReceiptChannel, receiptLanguage)) satisfies ReceiptResult);
	});
