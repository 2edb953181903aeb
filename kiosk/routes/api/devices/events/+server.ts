import type { LibraryStatus, PadSnapshot, PaymentProgress, ScanEvent } from '$lib/api/contract';
import { getKioskRuntime } from '$server/kiosk-runtime';
import type { RequestHandler } from './$types';

/**
 * Server-Sent Events: the RFID pad's contents, once on connect and on every change; each code a
 * serial or HID barcode scanner reads (the keyboard wedge reaches the browser by itself); and
 * whether the library system is reachable (`library`), once on connect and on every change; and
 * each step of a payment (`payment`).
 */
export const GET: RequestHandler = async ({ request }) => {
	// The switchable devices, not the pad and hub themselves: their events survive the technician swapping devices.
	const { hardware, offline, config, payments } = await getKioskRuntime();
	const encoder = new TextEncoder();
	let stop = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (snapshot: PadSnapshot) => controller.enqueue(encoder.encode(`event: pad\ndata: ${JSON.stringify(snapshot)}\n\n`));
			send(hardware.padSnapshot());
			// A comment line now and then keeps proxies and the browser from timing the stream out.
			const keepAlive = setInterval(() => controller.enqueue(encoder.encode(': keep-alive\n\n')), 25_000);
			hardware.on('pad-change', send);
			const sendScan = ({ code }: { code: string }) => controller.enqueue(encoder.encode(`event: scan\ndata: ${JSON.stringify({ code } satisfies ScanEvent)}\n\n`));
			hardware.on('scan', sendScan);
			const sendLibrary = (online: boolean) =>
				controller.enqueue(
					encoder.encode(
						`event: library\ndata: ${JSON.stringify({ online, offlineBorrowing: config.offline.borrowing, offlineMaxItems: config.offline.maxItemsPerMember } satisfies LibraryStatus)}\n\n`
					)
				);
			sendLibrary(offline.online);
			offline.on('change', sendLibrary);
			// Progress only (ids and states, no personal data); the page asks for the rest with its session.
			const sendPayment = (progress: PaymentProgress) => controller.enqueue(encoder.encode(`event: payment\ndata: ${JSON.stringify(progress)}\n\n`));
			payments.on('progress', sendPayment);
			stop = () => {
				payments.off('progress', sendPayment);
				offline.off('change', sendLibrary);
				clearInterval(keepAlive);
				hardware.off('pad-change', send);
				hardware.off('scan', sendScan);
			};
			request.signal.addEventListener('abort', () => {
				stop();
				try {
					controller.close();
				} catch {
					// already closed
				}
			});
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' } });
};
