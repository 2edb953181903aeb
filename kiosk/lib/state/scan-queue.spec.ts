import { describe, expect, it, vi } from 'vitest';
import { KioskApiError } from '$lib/services/kiosk-api';
import { ScanQueue } from './scan-queue.svelte';

interface Outcome {
	itemId: string;
	ok: boolean;
}

describe('ScanQueue', () => {
	it('sends codes one at a time and lists the newest first', async () => {
		const order: string[] = [];
		let active = 0;
		const queue = new ScanQueue<Outcome>({
			send: async (itemId) => {
				active++;
				expect(active).toBe(1);
				order.push(itemId);
				await new Promise((resolve) => setTimeout(resolve, 1));
				active--;
				return { itemId, ok: itemId !== 'b' };
			}
		});
		void queue.submit('a');
		void queue.submit('b');
		expect(queue.pending).toEqual(['a', 'b']);
		await queue.submit('c');
		expect(order).toEqual(['a', 'b', 'c']);
		expect(queue.lines.map((line) => line.itemId)).toEqual(['c', 'b', 'a']);
		expect(queue.pending).toEqual([]);
		expect(queue.latest?.itemId).toBe('c');
	});

	it('ignores a code already waiting and blank codes', async () => {
		const send = vi.fn(async (itemId: string) => ({ itemId, ok: true }));
		const queue = new ScanQueue<Outcome>({ send });
		void queue.submit('a');
		void queue.submit(' a ');
		await queue.submit('  ');
		expect(send).toHaveBeenCalledTimes(1);
	});

	it('replaces the line of an item scanned again', async () => {
		const queue = new ScanQueue<Outcome>({ send: async (itemId) => ({ itemId, ok: true }) });
		await queue.submit('a');
		await queue.submit('b');
		await queue.submit('a');
		expect(queue.lines.map((line) => line.itemId)).toEqual(['a', 'b']);
	});

	it('turns a failed request into an error line', async () => {
		const queue = new ScanQueue<Outcome>({
			send: async () => {
				throw new KioskApiError('library-unavailable');
			}
		});
		await queue.submit('a');
		expect(queue.lines[0]).toMatchObject({ itemId: 'a', status: 'error', code: 'library-unavailable' });
	});

	it('gives an unreadable pad tag one line, and takes it away when the tag is read after all', async () => {
		const queue = new ScanQueue<Outcome>({ send: async (itemId) => ({ itemId, ok: true }) });
		await queue.submit('a');
		queue.tagUnreadable('E0');
		queue.tagUnreadable('E0');
		expect(queue.lines).toMatchObject([{ status: 'unreadable', uid: 'E0', itemId: null }, { itemId: 'a' }]);
		const before = queue.lines;
		queue.tagReadable('E9');
		expect(queue.lines).toBe(before);
		queue.tagReadable('E0');
		expect(queue.lines.map((line) => line.itemId)).toEqual(['a']);
	});

	it('hands no-session to the screen instead of a line', async () => {
		const onNoSession = vi.fn();
		const queue = new ScanQueue<Outcome>({
			send: async () => {
				throw new KioskApiError('no-session');
			},
			onNoSession
		});
		await queue.submit('a');
		expect(onNoSession).toHaveBeenCalledTimes(1);
		expect(queue.lines).toEqual([]);
		expect(queue.pending).toEqual([]);
	});
});
