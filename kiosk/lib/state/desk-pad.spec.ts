import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import type { BorrowOutcome, DeskCheckinResult, DeskMemberView, PadTag } from '$lib/api/contract';
import type { DeskApi } from '$lib/services/desk-api';
import { fakeEventSources } from '$lib/services/fake-event-source';
import { DeskCirculation } from './desk-circulation.svelte';
import { DeskPad } from './desk-pad.svelte';
import { RfidPadState } from './rfid-pad.svelte';

const SANNE: DeskMemberView = {
	card: '**********0012',
	name: 'Sanne Jansen',
	blocks: [],
	account: { member: { firstName: 'Sanne', borrowBlock: null, feesOwed: null, offline: false }, loans: [], holdsWaiting: [], holdsPending: [], fees: [], details: { email: null, phone: null, address: null }, family: [] }
};
const JAN: DeskMemberView = { ...SANNE, card: '**********0038', name: 'Jan de Vries' };

const item = (id: string, part = 1, of = 1): PadTag => ({ uid: `U${id}-${part}`, kind: 'item', id, part, of });
const card = (id: string): PadTag => ({ uid: `C${id}`, kind: 'member-card', id, part: 1, of: 1 });

/** The desk's wiring with a fake server: a set is lent only with all its parts on the pad. */
function deskScreen() {
	const sources = fakeEventSources();
	const pad = new RfidPadState();
	pad.start({ createEventSource: sources.create });
	const stream = sources.latest();
	stream.open();
	const log: string[] = [];
	const found: string[] = [];
	const unused = () => Promise.reject(new Error('not used here'));
	const api: DeskApi = {
		session: unused,
		login: unused,
		unlock: unused,
		lock: unused,
		logout: unused,
		accounts: unused,
		createAccount: unused,
		resetPassword: unused,
		setDisabled: unused,
		audit: unused,
		renew: unused,
		offline: unused,
		resolveException: unused,
		dashboard: unused,
		findMember: async (number) => {
			found.push(number);
			return number === '20001000000012' ? SANNE : number === '20001000000038' ? JAN : null;
		},
		checkout: async (member, itemId): Promise<BorrowOutcome> => {
			log.push(`lend ${itemId} to ${member}`);
			const parts = pad.tags.filter((tag) => tag.id === itemId);
			if (parts.length < (parts[0]?.of ?? 1)) return { itemId, ok: false, reason: 'parts-missing', title: 'Set', message: null, parts: { missing: [2], of: 2 } };
			return { itemId, ok: true, title: 'Boek', dueDate: '2026-12-14', dueDateText: '', renewed: false, security: 'done', offline: false };
		},
		checkin: async (itemId): Promise<DeskCheckinResult> => {
			log.push(`return ${itemId}`);
			return { outcome: { itemId, ok: true, title: 'Boek', action: 'shelve', destination: null, security: 'done' }, slip: null };
		}
	};
	const work = new DeskCirculation(api);
	// Vitest runs Svelte's server build, where effects do not run: the test plays them by hand.
	const deskPad = new DeskPad(work, pad);
	const settle = async () => {
		for (let round = 0; round < 6; round++) {
			flushSync();
			deskPad.sync();
			await new Promise((resolve) => setTimeout(resolve, 0));
		}
	};
	const lay = async (...tags: PadTag[]) => {
		stream.pad({ status: 'ready', tags });
		await settle();
	};
	return { work, deskPad, log, found, lay, settle };
}

describe('DeskPad', () => {
	it('holds the items until a member is found, then lends each once, a set only when complete', async () => {
		const desk = deskScreen();
		await desk.lay();
		await desk.lay(item('A'), item('S', 1, 2));
		expect(desk.log).toEqual([]);
		await desk.work.find('20001000000012');
		await desk.settle();
		expect(desk.log).toEqual(['lend A to 20001000000012', 'lend S to 20001000000012']);
		expect(desk.deskPad.progress).toEqual({ processed: 2, total: 2 });

		await desk.lay(item('A'), item('S', 1, 2), item('S', 2, 2));
		await desk.lay();
		await desk.lay(item('A'), item('S', 1, 2), item('S', 2, 2));
		expect(desk.log).toEqual(['lend A to 20001000000012', 'lend S to 20001000000012', 'lend S to 20001000000012']);
		expect(desk.work.lending?.lines.map((line) => line.status === 'done' && line.outcome.ok)).toEqual([true, true]);
	});

	it('finds the member of a card laid on the pad, but not of one already lying there', async () => {
		const desk = deskScreen();
		await desk.lay(card('20001000000038'));
		expect(desk.found).toEqual([]);
		await desk.lay(card('20001000000038'), card('20001000000012'));
		expect(desk.found).toEqual(['20001000000012']);
		expect(desk.work.member?.card).toBe('**********0012');
	});

	it('does not lend to the next member what the last one borrowed or what was checked in, until laid again', async () => {
		const desk = deskScreen();
		await desk.lay();
		desk.work.setPadMode('return');
		await desk.lay(item('R'));
		expect(desk.log).toEqual(['return R']);

		await desk.work.find('20001000000012');
		desk.work.setPadMode('lend');
		await desk.lay(item('R'), item('B'));
		expect(desk.log).toEqual(['return R', 'lend B to 20001000000012']);
		expect(desk.deskPad.progress).toEqual({ processed: 1, total: 1 });

		desk.work.clearMember();
		await desk.work.find('20001000000038');
		await desk.settle();
		expect(desk.log).toEqual(['return R', 'lend B to 20001000000012']);

		// Lifted off and laid again: now it is this member's.
		await desk.lay(item('B'));
		await desk.lay(item('B'), item('R'));
		expect(desk.log).toEqual(['return R', 'lend B to 20001000000012', 'lend R to 20001000000038']);
	});

	it('checks in an item again when it comes back to the pad after being lifted off', async () => {
		const desk = deskScreen();
		await desk.lay();
		desk.work.setPadMode('return');
		await desk.lay(item('R'));
		await desk.lay(item('R'));
		await desk.lay();
		await desk.lay(item('R'));
		expect(desk.log).toEqual(['return R', 'return R']);
		expect(desk.work.returns.lines).toHaveLength(1);
	});
});
