import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { BorrowOutcome, PadTag } from '$lib/api/contract';
import { fakeEventSources } from '$lib/services/fake-event-source';
import { PadIntake } from './pad-intake';
import { PadScanning } from './pad-scanning.svelte';
import { RfidPadState } from './rfid-pad.svelte';
import { ScanQueue } from './scan-queue.svelte';

const disc = (part: number): PadTag => ({ uid: `D${part}`, kind: 'item', id: '7', part, of: 2 });
const book: PadTag = { uid: 'B', kind: 'item', id: '1', part: 1, of: 1 };

/** The borrow screen's wiring, with a fake server that lends a set only when both discs lie on the pad. */
function borrowScreen() {
	const sources = fakeEventSources();
	const pad = new RfidPadState();
	pad.start({ createEventSource: sources.create });
	const stream = sources.latest();
	stream.open();
	const sent: string[] = [];
	const queue = new ScanQueue<BorrowOutcome>({
		send: async (itemId) => {
			sent.push(itemId);
			const parts = new Set(pad.tags.filter((tag) => tag.id === itemId).map((tag) => tag.part));
			if (itemId === '7' && parts.size < 2) {
				return { itemId, ok: false, reason: 'parts-missing', title: 'Set', message: null, parts: { missing: [parts.has(1) ? 2 : 1], of: 2 } };
			}
			return { itemId, ok: true, title: 'Boek', dueDate: '2026-12-14', dueDateText: '', renewed: false, security: 'done', offline: false };
		}
	});
	// Vitest runs Svelte's server build (environment node), where effects do not run: the test
	// plays the effect by hand.
	const scanning = new PadScanning(queue, new PadIntake(), pad);
	const react = () => {
		flushSync();
		scanning.sync();
	};
	const lay = async (...tags: PadTag[]) => {
		stream.pad({ status: 'ready', tags });
		react();
		// Let the queue answer, and the screen react to the answers.
		for (let round = 0; round < 5; round++) {
			await new Promise((resolve) => setTimeout(resolve, 0));
			react();
		}
	};
	return { queue, sent, lay, scanning };
}

describe('PadScanning', () => {
	it('borrows what lies on the pad through the queue, and completes a set when its part is laid', async () => {
		const screen = borrowScreen();
		await screen.lay(book, disc(1));
		expect(screen.sent).toEqual(['1', '7']);
		expect(screen.queue.lines.map((line) => line.status === 'done' && line.outcome.ok)).toEqual([false, true]);
		expect(screen.scanning.progress).toEqual({ processed: 2, total: 2 });

		await screen.lay(book, disc(1), disc(2));
		expect(screen.sent).toEqual(['1', '7', '7']);
		expect(screen.queue.lines.every((line) => line.status === 'done' && line.outcome.ok)).toBe(true);

		// The member lifts the stack and lays it down again: nothing is borrowed twice.
		await screen.lay();
		expect(screen.scanning.progress).toEqual({ processed: 0, total: 0 });
		await screen.lay(book, disc(1), disc(2));
		expect(screen.sent).toEqual(['1', '7', '7']);
	});

	it('puts an unreadable tag in the list once', async () => {
		const screen = borrowScreen();
		const tag: PadTag = { uid: 'X', kind: 'unreadable', id: null, part: 1, of: 1 };
		await screen.lay(tag);
		await screen.lay(tag, book);
		expect(screen.queue.lines.filter((line) => line.status === 'unreadable')).toHaveLength(1);
		expect(screen.scanning.progress).toEqual({ processed: 2, total: 2 });
	});
});
