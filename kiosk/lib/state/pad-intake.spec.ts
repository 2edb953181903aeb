import { describe, expect, it } from 'vitest';
import type { PadTag } from '$lib/api/contract';
import { PadIntake, queueProgress, type ScanState } from './pad-intake';
import type { ScanLine } from './scan-queue.svelte';

interface Outcome {
	itemId: string;
	ok: boolean;
	reason?: string;
}

function item(uid: string, id: string, part = 1, of = 1): PadTag {
	return { uid, kind: 'item', id, part, of };
}

const unreadable = (uid: string): PadTag => ({ uid, kind: 'unreadable', id: null, part: 1, of: 1 });
const memberCard = (uid: string, id: string): PadTag => ({ uid, kind: 'member-card', id, part: 1, of: 1 });

/** A screen's queue, played by hand: what the intake sends goes pending until the test answers. */
class Screen implements ScanState<Outcome> {
	lines: Array<ScanLine<Outcome>> = [];
	pending: string[] = [];
	sent: string[] = [];
	#seq = 0;

	constructor(readonly intake: PadIntake) {}

	/** A snapshot arrives: returns what was sent because of it. */
	pad(...tags: PadTag[]): string[] {
		const decision = this.intake.update(tags, this);
		for (const uid of decision.unreadable) this.lines = [{ seq: ++this.#seq, itemId: null, status: 'unreadable', uid }, ...this.lines];
		this.pending.push(...decision.submit);
		this.sent.push(...decision.submit);
		return decision.submit;
	}

	answer(itemId: string, outcome: Partial<Outcome> = {}): void {
		this.pending = this.pending.filter((id) => id !== itemId);
		const line: ScanLine<Outcome> = { seq: ++this.#seq, itemId, status: 'done', outcome: { itemId, ok: true, ...outcome } };
		this.lines = [line, ...this.lines.filter((existing) => existing.itemId !== itemId)];
	}

	fail(itemId: string): void {
		this.pending = this.pending.filter((id) => id !== itemId);
		this.lines = [{ seq: ++this.#seq, itemId, status: 'error', code: 'library-unavailable' }, ...this.lines];
	}
}

const partsMissing = { ok: false, reason: 'parts-missing' };

describe('PadIntake', () => {
	it('sends a new item once, however often the pad reports it', () => {
		const screen = new Screen(new PadIntake());
		expect(screen.pad(item('A', '1'))).toEqual(['1']);
		expect(screen.pad(item('A', '1'))).toEqual([]);
		screen.answer('1');
		expect(screen.pad(item('A', '1'))).toEqual([]);
		expect(screen.pad(item('A', '1'), item('B', '2'))).toEqual(['2']);
	});

	it('sends a multi-part set once, as one item', () => {
		const screen = new Screen(new PadIntake());
		expect(screen.pad(item('A', '7', 1, 3), item('B', '7', 2, 3), item('C', '7', 3, 3))).toEqual(['7']);
	});

	it('sends a set again when a missing part is laid down', () => {
		const screen = new Screen(new PadIntake());
		expect(screen.pad(item('A', '7', 1, 3))).toEqual(['7']);
		screen.answer('7', partsMissing);
		// The same part, lifted and laid down again: nothing new.
		expect(screen.pad()).toEqual([]);
		expect(screen.pad(item('A', '7', 1, 3))).toEqual([]);
		expect(screen.pad(item('A', '7', 1, 3), item('B', '7', 2, 3))).toEqual(['7']);
		screen.answer('7', partsMissing);
		expect(screen.pad(item('A', '7', 1, 3), item('B', '7', 2, 3), item('C', '7', 3, 3))).toEqual(['7']);
		screen.answer('7');
		expect(screen.pad(item('A', '7', 1, 3), item('B', '7', 2, 3), item('C', '7', 3, 3))).toEqual([]);
		expect(screen.sent).toEqual(['7', '7', '7']);
	});

	it('sends a set again at once when its missing part arrived while the request was under way', () => {
		const screen = new Screen(new PadIntake());
		screen.pad(item('A', '7', 1, 2));
		expect(screen.pad(item('A', '7', 1, 2), item('B', '7', 2, 2))).toEqual([]);
		screen.answer('7', partsMissing);
		// The screen looks again when the answer comes, with the pad as it is now.
		expect(screen.pad(item('A', '7', 1, 2), item('B', '7', 2, 2))).toEqual(['7']);
	});

	it('after parts-missing for a scanned barcode, any part on the pad sends it again', () => {
		const screen = new Screen(new PadIntake());
		screen.pending.push('7');
		screen.answer('7', partsMissing);
		expect(screen.pad(item('A', '7', 1, 2))).toEqual(['7']);
	});

	it('does not send a lent item again when the stack is lifted and laid down again', () => {
		const screen = new Screen(new PadIntake());
		screen.pad(item('A', '1'), item('B', '2'));
		screen.answer('1');
		screen.answer('2', { ok: false, reason: 'hold-for-other' });
		expect(screen.pad()).toEqual([]);
		expect(screen.pad(item('A', '1'), item('B', '2'))).toEqual([]);
		expect(screen.sent).toEqual(['1', '2']);
	});

	it('retries an item whose request failed when it is laid down again, not while it lies there', () => {
		const screen = new Screen(new PadIntake());
		screen.pad(item('A', '1'));
		screen.fail('1');
		expect(screen.pad(item('A', '1'))).toEqual([]);
		expect(screen.pad()).toEqual([]);
		expect(screen.pad(item('A', '1'))).toEqual(['1']);
	});

	it('reports an unreadable tag once, and withdraws it when the tag is read after all', () => {
		const intake = new PadIntake();
		const tags = [unreadable('X'), item('A', '1')];
		const first = intake.update(tags, { lines: [], pending: [] });
		expect(first.unreadable).toEqual(['X']);
		for (let poll = 0; poll < 5; poll++) expect(intake.update(tags, { lines: [], pending: ['1'] }).unreadable).toEqual([]);
		expect(intake.update([], { lines: [], pending: ['1'] }).unreadable).toEqual([]);
		expect(intake.update([unreadable('X')], { lines: [], pending: ['1'] }).unreadable).toEqual([]);
		expect(intake.update([unreadable('Y')], { lines: [], pending: ['1'] }).unreadable).toEqual(['Y']);
		const read = intake.update([item('X', '9')], { lines: [], pending: ['1'] });
		expect(read.readable).toEqual(['X']);
		expect(read.submit).toEqual(['9']);
	});

	it('leaves member cards alone', () => {
		const screen = new Screen(new PadIntake());
		expect(screen.pad(memberCard('M', '20001000000012'))).toEqual([]);
		expect(screen.intake.progress([memberCard('M', '20001000000012')], screen)).toEqual({ processed: 0, total: 0 });
	});

	it('remembers answers on the next visit to the screen (the account screen and back)', () => {
		const intake = new PadIntake();
		const first = new Screen(intake);
		first.pad(item('A', '1'), item('B', '7', 1, 2));
		first.answer('1');
		first.answer('7', partsMissing);
		first.pad(item('A', '1'), item('B', '7', 1, 2));

		const again = new Screen(intake);
		expect(again.pad(item('A', '1'), item('B', '7', 1, 2))).toEqual([]);
		expect(intake.progress([item('A', '1'), item('B', '7', 1, 2)], again)).toEqual({ processed: 2, total: 2 });
		expect(again.pad(item('A', '1'), item('B', '7', 1, 2), item('C', '7', 2, 2))).toEqual(['7']);
	});

	it('does not send again what a left screen sent without seeing the answer', () => {
		const intake = new PadIntake();
		new Screen(intake).pad(item('A', '1'));
		expect(new Screen(intake).pad(item('A', '1'))).toEqual([]);
	});
});

describe('PadIntake.progress', () => {
	it('counts each set once and each unreadable tag as done; pending items are not processed yet', () => {
		const screen = new Screen(new PadIntake());
		const tags = [item('A', '1'), item('B', '7', 1, 2), item('C', '7', 2, 2), item('D', '3'), unreadable('X')];
		screen.pad(...tags);
		expect(screen.intake.progress(tags, screen)).toEqual({ processed: 1, total: 4 });
		screen.answer('1');
		screen.answer('7', { ok: false, reason: 'on-loan-to-other' });
		expect(screen.intake.progress(tags, screen)).toEqual({ processed: 3, total: 4 });
		screen.fail('3');
		expect(screen.intake.progress(tags, screen)).toEqual({ processed: 4, total: 4 });
		expect(screen.intake.progress([], screen)).toEqual({ processed: 0, total: 0 });
	});
});

describe('queueProgress', () => {
	it('reads where an item stands from the queue alone', () => {
		const lines: Array<ScanLine<Outcome>> = [
			{ seq: 3, itemId: '3', status: 'error', code: 'internal' },
			{ seq: 2, itemId: '2', status: 'done', outcome: { itemId: '2', ok: false, reason: 'parts-missing' } },
			{ seq: 1, itemId: '1', status: 'done', outcome: { itemId: '1', ok: true } }
		];
		const scans = { lines, pending: ['4', '2'] };
		expect(queueProgress(scans, '1')).toBe('answered');
		expect(queueProgress(scans, '2')).toBe('pending');
		expect(queueProgress(scans, '3')).toBe('failed');
		expect(queueProgress(scans, '4')).toBe('pending');
		expect(queueProgress(scans, '5')).toBe('new');
	});

	describe('handing over at the desk', () => {
		it('leaves what the last intake dealt with until it is lifted off and laid again, and counts only its own items', () => {
			const first = new Screen(new PadIntake());
			first.pad(item('a', '1'));
			first.answer('1');
			const next = new Screen(new PadIntake({ leftOnPad: first.intake.handled() }));
			expect(next.pad(item('a', '1'), item('b', '2'))).toEqual(['2']);
			expect(next.intake.progress([item('a', '1'), item('b', '2')], next)).toEqual({ processed: 0, total: 1 });
			// Still left while it lies there; handed on again to whoever comes next.
			expect(next.intake.handled()).toEqual(expect.arrayContaining(['1', '2']));
			next.pad(item('b', '2'));
			expect(next.pad(item('a', '1'), item('b', '2'))).toEqual(['1']);
		});

		it('with againAfterLift sends an answered item again once it was lifted off, never while it stays', () => {
			const screen = new Screen(new PadIntake({ againAfterLift: true }));
			screen.pad(item('a', '1'));
			screen.answer('1');
			expect(screen.pad(item('a', '1'))).toEqual([]);
			screen.pad();
			expect(screen.intake.progress([item('a', '1')], screen)).toEqual({ processed: 0, total: 1 });
			expect(screen.pad(item('a', '1'))).toEqual(['1']);
			screen.answer('1');
			expect(screen.pad(item('a', '1'))).toEqual([]);
			expect(screen.sent).toEqual(['1', '1']);
		});

		it('without it (the kiosk) an item lifted off and laid again is not sent again', () => {
			const screen = new Screen(new PadIntake());
			screen.pad(item('a', '1'));
			screen.answer('1');
			screen.pad();
			expect(screen.pad(item('a', '1'))).toEqual([]);
		});
	});
});
