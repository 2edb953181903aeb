import { describe, expect, it, vi } from 'vitest';
import type { PadSnapshot } from '$lib/api/contract';
import { DEVICE_EVENTS_URL, openDeviceEvents, parseLibraryStatus, parsePadSnapshot, parseScanEvent } from './device-events';
import { fakeEventSources } from './fake-event-source';

const snapshot: PadSnapshot = {
	status: 'ready',
	tags: [{ uid: 'E001', kind: 'item', id: '30001000000010', part: 1, of: 1 }]
};

function handlers() {
	return { onOpen: vi.fn(), onPad: vi.fn(), onLost: vi.fn() };
}

/** A timer the test fires by hand. */
function manualTimer() {
	const pending: Array<{ callback: () => void; ms: number; cancelled: boolean }> = [];
	return {
		pending,
		setTimeout: (callback: () => void, ms: number) => {
			const entry = { callback, ms, cancelled: false };
			pending.push(entry);
			return entry;
		},
		clearTimeout: (handle: unknown) => {
			(handle as { cancelled: boolean }).cancelled = true;
		},
		fire: () => {
			for (const entry of pending.splice(0)) if (!entry.cancelled) entry.callback();
		}
	};
}

describe('parsePadSnapshot', () => {
	it('reads a snapshot from the event data', () => {
		expect(parsePadSnapshot(JSON.stringify(snapshot))).toEqual(snapshot);
	});

	it('drops what is not a snapshot', () => {
		expect(parsePadSnapshot('not json')).toBeNull();
		expect(parsePadSnapshot('{"status":"sleeping","tags":[]}')).toBeNull();
		expect(parsePadSnapshot('{"status":"ready"}')).toBeNull();
		expect(parsePadSnapshot('null')).toBeNull();
	});

	it('skips broken tags and keeps each uid once', () => {
		const parsed = parsePadSnapshot(
			JSON.stringify({
				status: 'ready',
				tags: [
					{ uid: 'A', kind: 'item', id: ' 1 ', part: 2, of: 3 },
					{ uid: 'A', kind: 'item', id: '1', part: 2, of: 3 },
					{ kind: 'item', id: '2', part: 1, of: 1 },
					{ uid: 'B', kind: 'rocket', id: '3', part: 1, of: 1 }
				]
			})
		);
		expect(parsed?.tags).toEqual([{ uid: 'A', kind: 'item', id: '1', part: 2, of: 3 }]);
	});

	it('turns a tag without a usable number into an unreadable one, and odd parts into 1 of 1', () => {
		const parsed = parsePadSnapshot({
			status: 'ready',
			tags: [
				{ uid: 'C', kind: 'member-card', id: null, part: 1, of: 1 },
				{ uid: 'D', kind: 'item', id: '4', part: 5, of: 2 }
			]
		});
		expect(parsed?.tags).toEqual([
			{ uid: 'C', kind: 'unreadable', id: null, part: 1, of: 1 },
			{ uid: 'D', kind: 'item', id: '4', part: 1, of: 1 }
		]);
	});
});

describe('openDeviceEvents', () => {
	it('opens one stream and hands over open, snapshots and losses', () => {
		const sources = fakeEventSources();
		const on = handlers();
		openDeviceEvents(on, { createEventSource: sources.create });
		expect(sources.opened).toHaveLength(1);
		expect(sources.latest().url).toBe(DEVICE_EVENTS_URL);
		sources.latest().open();
		sources.latest().pad(snapshot);
		sources.latest().send('pad', 'garbage');
		sources.latest().drop();
		expect(on.onOpen).toHaveBeenCalledTimes(1);
		expect(on.onPad).toHaveBeenCalledTimes(1);
		expect(on.onPad).toHaveBeenCalledWith(snapshot);
		expect(on.onLost).toHaveBeenCalledTimes(1);
		// A dropped connection is the browser's to reopen: no second stream.
		expect(sources.opened).toHaveLength(1);
	});

	it('opens a new stream after a while when the browser gave up on one', () => {
		const sources = fakeEventSources();
		const timer = manualTimer();
		const on = handlers();
		openDeviceEvents(on, { createEventSource: sources.create, retryMs: 5000, ...timer });
		const first = sources.latest();
		first.fail();
		expect(first.closed).toBe(true);
		expect(timer.pending.map((entry) => entry.ms)).toEqual([5000]);
		timer.fire();
		expect(sources.opened).toHaveLength(2);
		// The old stream is dead to the handlers.
		first.pad(snapshot);
		expect(on.onPad).not.toHaveBeenCalled();
		sources.latest().open();
		sources.latest().pad(snapshot);
		expect(on.onPad).toHaveBeenCalledTimes(1);
	});

	it('closes for good, including a pending retry', () => {
		const sources = fakeEventSources();
		const timer = manualTimer();
		const on = handlers();
		const close = openDeviceEvents(on, { createEventSource: sources.create, ...timer });
		sources.latest().fail();
		close();
		timer.fire();
		expect(sources.opened).toHaveLength(1);
		expect(sources.latest().closed).toBe(true);
	});

	it('does nothing without an EventSource (outside a browser)', () => {
		vi.stubGlobal('EventSource', undefined);
		try {
			const on = handlers();
			const close = openDeviceEvents(on);
			expect(() => close()).not.toThrow();
			expect(on.onOpen).not.toHaveBeenCalled();
		} finally {
			vi.unstubAllGlobals();
		}
	});
});

describe('scan events', () => {
	it('hands codes from a serial or HID scanner on and drops anything else', () => {
		const sources = fakeEventSources();
		const onScan = vi.fn();
		openDeviceEvents({ ...handlers(), onScan }, { createEventSource: sources.create });
		sources.latest().open();
		sources.latest().send('scan', JSON.stringify({ code: '30001000000010' }));
		sources.latest().send('scan', 'garbage');
		sources.latest().send('scan', JSON.stringify({ code: '' }));
		sources.latest().send('scan', JSON.stringify({ code: 'x'.repeat(65) }));
		expect(onScan.mock.calls).toEqual([['30001000000010']]);
	});

	it('parses a ScanEvent', () => {
		expect(parseScanEvent('{"code":" 123 "}')).toEqual({ code: '123' });
		expect(parseScanEvent({ code: 5 })).toBeNull();
	});

	it('hands the library status on, and drops what is not one', () => {
		const sources = fakeEventSources();
		const onLibrary = vi.fn();
		openDeviceEvents({ ...handlers(), onLibrary }, { createEventSource: sources.create });
		sources.latest().open();
		sources.latest().send('library', JSON.stringify({ online: false, offlineBorrowing: true, offlineMaxItems: 2 }));
		sources.latest().send('library', JSON.stringify({ online: 'no', offlineBorrowing: true, offlineMaxItems: 2 }));
		sources.latest().send('library', JSON.stringify({ online: true, offlineBorrowing: true, offlineMaxItems: -1 }));
		sources.latest().send('library', '{');
		expect(onLibrary.mock.calls).toEqual([[{ online: false, offlineBorrowing: true, offlineMaxItems: 2 }]]);
		expect(parseLibraryStatus({ online: true, offlineBorrowing: false, offlineMaxItems: 0 })).toEqual({ online: true, offlineBorrowing: false, offlineMaxItems: 0 });
	});
});
