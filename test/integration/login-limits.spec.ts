import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfflineLedger } from '../../offline/offline-ledger';
import { CirculationService, type LibrarySystem, type OfflineSwitch } from '../../server/circulation/circulation-service';
import { LoginGuard, type LoginGuardOptions } from '../../server/circulation/login-guard';
import type { RunningDemoAcs } from '../../server/demo-acs/demo-acs-server';
import { startDemoLibrarySystem } from '../../server/demo-acs/demo-library-system';
import { Sip2Client, tcpTransport } from '../../server/sip2';

/**
 * The PIN lock and the kiosk-wide login limit through the circulation service, the real SIP2 client
 * and the demo library over TCP. The library system is wrapped to count what actually reaches it.
 */
let acs: RunningDemoAcs;
let client: Sip2Client;
const sent: string[] = [];
const counting: LibrarySystem = {
	request(message) {
		sent.push(message.command);
		return client.request(message);
	}
};
const settings = { institutionId: 'DEMO', location: 'CEN', terminalPassword: '' };
const LOTTE = '20001000000061';
const DAAN = '20001000000053';
const SANNE = '20001000000012';

function guarded(options: Partial<LoginGuardOptions> = {}, offline: OfflineSwitch | null = null): CirculationService {
	const guard = new LoginGuard({ maxPinAttempts: 5, lockMs: 15 * 60_000, attemptsPerMinute: 1000, ...options });
	return new CirculationService(counting, settings, undefined, undefined, null, offline, guard);
}

beforeAll(async () => {
	acs = await startDemoLibrarySystem();
	client = new Sip2Client({ transport: tcpTransport({ host: acs.host, port: acs.port }), login: { user: 'kiosk', password: 'kiosk', locationCode: 'CEN' } });
	client.start();
	await client.waitUntilOnline(5_000);
});

afterAll(async () => {
	await client.close();
	await acs.close();
});

describe('wrong PINs', () => {
	it('locks a card at the fifth wrong PIN, so even the right one is refused next, and nothing more reaches the library system', async () => {
		const circulation = guarded();
		for (const left of [4, 3, 2, 1]) {
			expect((await circulation.login(LOTTE, '0000')).response).toEqual({ ok: false, reason: 'pin-wrong', attemptsLeft: left });
		}
		expect((await circulation.login(LOTTE, '0000')).response).toEqual({ ok: false, reason: 'card-locked' });
		sent.length = 0;
		const sixth = await circulation.login(LOTTE, '1234');
		expect(sixth).toEqual({ response: { ok: false, reason: 'card-locked' }, member: null });
		expect(sent).toEqual([]);
		// Another card logs in as ever.
		expect((await circulation.login(DAAN, '1234')).response).toMatchObject({ ok: true, member: { firstName: 'Daan' } });
	});

	it('forgets the wrong PINs at a right one', async () => {
		const circulation = guarded();
		for (let i = 0; i < 4; i++) await circulation.login(SANNE, '0000');
		expect((await circulation.login(SANNE, '1234')).response.ok).toBe(true);
		expect((await circulation.login(SANNE, '0000')).response).toEqual({ ok: false, reason: 'pin-wrong', attemptsLeft: 4 });
	});

	it('does not count unknown cards as wrong PINs (there is no card to lock)', async () => {
		const circulation = guarded({ maxPinAttempts: 1 });
		for (let i = 0; i < 3; i++) expect((await circulation.login('29999999999999', '0000')).response).toEqual({ ok: false, reason: 'card-unknown' });
	});
});

describe('kiosk-wide limit', () => {
	it('admits N logins a minute, known cards or not, and refuses the next without asking the library system', async () => {
		const circulation = guarded({ attemptsPerMinute: 3 });
		sent.length = 0;
		expect((await circulation.login('29999999999999', '1234')).response.ok).toBe(false);
		expect((await circulation.login('29999999999998', '1234')).response.ok).toBe(false);
		expect((await circulation.login(SANNE, '1234')).response.ok).toBe(true);
		const askedSoFar = sent.length;
		expect(sent.filter((command) => command === '63')).toHaveLength(3);

		expect((await circulation.login(DAAN, '1234')).response).toEqual({ ok: false, reason: 'too-many-attempts' });
		expect(sent).toHaveLength(askedSoFar);
	});

	it('does not count what never reaches the library system (malformed cards, empty PINs)', async () => {
		const circulation = guarded({ attemptsPerMinute: 1 });
		expect((await circulation.login('2000 | 1', '1234')).response).toEqual({ ok: false, reason: 'card-invalid' });
		expect((await circulation.login(SANNE, '')).response).toEqual({ ok: false, reason: 'pin-needed' });
		expect((await circulation.login(SANNE, '1234')).response.ok).toBe(true);
	});

	it('applies offline too: made-up card numbers would get around the per-member offline limit', async () => {
		const ledger = { cardIsWellFormed: (card: string) => /^[0-9]{14}$/.test(card) } as unknown as OfflineLedger;
		const circulation = guarded({ attemptsPerMinute: 2 }, { ledger, online: false });
		sent.length = 0;
		expect((await circulation.login('20001000000079', '')).response).toMatchObject({ ok: true, member: { offline: true } });
		expect((await circulation.login('20001000000087', '')).response).toMatchObject({ ok: true, member: { offline: true } });
		expect((await circulation.login('20001000000095', '')).response).toEqual({ ok: false, reason: 'too-many-attempts' });
		expect(sent).toEqual([]);
	});
});
