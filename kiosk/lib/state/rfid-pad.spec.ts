import { describe, expect, it, vi } from 'vitest';
import type { PadSnapshot, PadTag } from '$lib/api/contract';
import { fakeEventSources } from '$lib/services/fake-event-source';
import { RfidPadState } from './rfid-pad.svelte';

const book: PadTag = { uid: 'E001', kind: 'item', id: '30001000000010', part: 1, of: 1 };
const card: PadTag = { uid: 'E002', kind: 'member-card', id: '20001000000012', part: 1, of: 1 };

function started() {
	const sources = fakeEventSources();
	const pad = new RfidPadState();
	pad.start({ createEventSource: sources.create });
	return { pad, sources, stream: sources.latest() };
}

function snapshot(status: PadSnapshot['status'], tags: PadTag[] = []): PadSnapshot {
	return { status, tags };
}

describe('RfidPadState', () => {
	it('knows nothing until the first snapshot, then holds the latest one', () => {
		const { pad, stream } = started();
		expect(pad).toMatchObject({ status: 'none', tags: [], live: false, offline: false });
		stream.open();
		expect(pad.live).toBe(false);
		stream.pad(snapshot('ready', [book]));
		expect(pad).toMatchObject({ status: 'ready', tags: [book], live: true, offline: false });
		stream.pad(snapshot('ready', [book, card]));
		expect(pad.tags).toEqual([book, card]);
	});

	it('opens one stream however often it is started', () => {
		const sources = fakeEventSources();
		const pad = new RfidPadState();
		pad.start({ createEventSource: sources.create });
		pad.start({ createEventSource: sources.create });
		expect(sources.opened).toHaveLength(1);
		pad.stop();
		expect(sources.latest().closed).toBe(true);
	});

	it('forgets the tags while the stream is broken, and a known pad counts as disconnected', () => {
		const { pad, stream } = started();
		stream.open();
		stream.pad(snapshot('ready', [book]));
		stream.drop();
		expect(pad).toMatchObject({ status: 'disconnected', tags: [], live: false, offline: true });
		// The browser reconnects; the server sends the pad again.
		stream.open();
		stream.pad(snapshot('ready', [book]));
		expect(pad).toMatchObject({ status: 'ready', tags: [book], live: true, offline: false });
	});

	it('stays quiet on a kiosk without a reader when the stream breaks', () => {
		const { pad, stream } = started();
		stream.open();
		stream.pad(snapshot('none'));
		stream.drop();
		expect(pad).toMatchObject({ status: 'none', offline: false });
		// Never heard from the server at all (e.g. the endpoint is not there): nothing to report either.
		const other = started();
		other.stream.fail();
		expect(other.pad).toMatchObject({ status: 'none', offline: false });
		other.pad.stop();
	});

	it('stays offline while the reader flips between disconnected and connecting', () => {
		const { pad, stream } = started();
		stream.open();
		stream.pad(snapshot('connecting'));
		expect(pad.offline).toBe(false);
		stream.pad(snapshot('ready'));
		stream.pad(snapshot('disconnected'));
		expect(pad.offline).toBe(true);
		stream.pad(snapshot('connecting'));
		expect(pad.offline).toBe(true);
		stream.pad(snapshot('disconnected'));
		stream.pad(snapshot('connecting'));
		expect(pad.offline).toBe(true);
		stream.pad(snapshot('ready'));
		expect(pad.offline).toBe(false);
	});

	it('reports activity when tags are laid or lifted, not on connect or repeats', () => {
		const { pad, stream } = started();
		const activity = vi.fn();
		const stop = pad.onActivity(activity);
		stream.open();
		stream.pad(snapshot('ready', [book]));
		expect(activity).not.toHaveBeenCalled();
		stream.pad(snapshot('ready', [book]));
		expect(activity).not.toHaveBeenCalled();
		stream.pad(snapshot('ready', [book, card]));
		stream.pad(snapshot('ready', [card]));
		expect(activity).toHaveBeenCalledTimes(2);
		stream.drop();
		stream.open();
		stream.pad(snapshot('ready', [book]));
		expect(activity).toHaveBeenCalledTimes(2);
		stop();
		stream.pad(snapshot('ready', []));
		expect(activity).toHaveBeenCalledTimes(2);
	});
});
