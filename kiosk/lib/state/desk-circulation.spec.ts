import { describe, expect, it, vi } from 'vitest';
import type { DeskMemberView } from '$lib/api/contract';
import { DeskApiFailure, type DeskApi } from '$lib/services/desk-api';
import { DeskCirculation } from './desk-circulation.svelte';

const SANNE: DeskMemberView = {
	card: '**********0012',
	name: 'Sanne Jansen',
	blocks: [],
	account: { member: { firstName: 'Sanne', borrowBlock: null, feesOwed: null, offline: false }, loans: [], holdsWaiting: [], holdsPending: [], fees: [], details: { email: null, phone: null, address: null }, family: [] }
};

function fakeApi(overrides: Partial<DeskApi> = {}): DeskApi {
	const unused = () => Promise.reject(new Error('not used here'));
	return {
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
		findMember: async (card) => (card === '20001000000012' ? SANNE : null),
		checkout: async (_card, itemId) => ({ itemId, ok: true, title: 'De avonden', dueDate: '2026-12-14', dueDateText: '', renewed: false, security: null, offline: false }),
		checkin: async (itemId) => ({ outcome: { itemId, ok: true, title: 'Karakter', action: 'transit', destination: 'NRD', security: null }, slip: ['X', 'TRANSPORT'] }),
		renew: unused,
		offline: unused,
		resolveException: unused,
		dashboard: unused,
		...overrides
	};
}

describe('DeskCirculation', () => {
	it('finds a member, lends with the card it found, and forgets it all for the next member', async () => {
		const checkout = vi.fn(fakeApi().checkout);
		const desk = new DeskCirculation(fakeApi({ checkout }));
		await desk.find(' 20001000000012 ');
		expect(desk.member?.name).toBe('Sanne Jansen');
		await desk.lend('30001000000010');
		expect(checkout).toHaveBeenCalledWith('20001000000012', '30001000000010');
		expect(desk.lending?.lines.map((line) => line.itemId)).toEqual(['30001000000010']);
		desk.clearMember();
		expect([desk.member, desk.lending]).toEqual([null, null]);
		await desk.lend('30001000000028');
		expect(checkout).toHaveBeenCalledTimes(1);
	});

	it('says so for an unknown card, and when the desk session is gone', async () => {
		const desk = new DeskCirculation(fakeApi());
		await desk.find('29999999999999');
		expect([desk.member, desk.problem]).toEqual([null, 'unknown-card']);
		const signedOut = new DeskCirculation(fakeApi({ findMember: () => Promise.reject(new DeskApiFailure('locked')) }));
		await signedOut.find('20001000000012');
		expect(signedOut.problem).toBe('signed-out');
	});

	it('takes returns with their slips, and clears everything at lock', async () => {
		const desk = new DeskCirculation(fakeApi());
		await desk.find('20001000000012');
		await desk.takeReturn('30001000000143');
		const line = desk.returns.lines[0];
		expect(line?.status === 'done' && line.outcome).toMatchObject({ itemId: '30001000000143', action: 'transit', slip: ['X', 'TRANSPORT'] });
		desk.setPadMode('return');
		desk.clear();
		expect([desk.member, desk.returns.lines, desk.offline, desk.padMode]).toEqual([null, [], null, 'lend']);
	});

	it('lends each item once per request, in order, and says when the desk session went', async () => {
		let calls = 0;
		const desk = new DeskCirculation(
			fakeApi({
				checkout: async (_card, itemId) => {
					calls++;
					if (itemId === 'gone') throw new DeskApiFailure('no-session');
					return { itemId, ok: true, title: 'De avonden', dueDate: null, dueDateText: '', renewed: false, security: 'done', offline: false };
				}
			})
		);
		await desk.find('20001000000012');
		await Promise.all([desk.lend('1'), desk.lend('1'), desk.lend('2')]);
		expect(calls).toBe(2);
		await desk.lend('gone');
		expect(desk.lending?.lines[0]).toMatchObject({ itemId: 'gone', status: 'error' });
		expect(desk.problem).toBe('signed-out');
	});
});
