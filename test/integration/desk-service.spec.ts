import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CirculationService } from '../../server/circulation/circulation-service';
import type { RunningDemoAcs } from '../../server/demo-acs/demo-acs-server';
import { startDemoLibrarySystem } from '../../server/demo-acs/demo-library-system';
import { DeskService, initialsOf } from '../../server/desk/desk-service';
import { Sip2Client, tcpTransport } from '../../server/sip2';

/** The staff desk's use cases against the demo library system over real SIP2/TCP. */
let acs: RunningDemoAcs;
let client: Sip2Client;
let desk: DeskService;

beforeAll(async () => {
	acs = await startDemoLibrarySystem();
	client = new Sip2Client({ transport: tcpTransport({ host: acs.host, port: acs.port }), login: { user: 'kiosk', password: 'kiosk', locationCode: 'CEN' } });
	client.start();
	await client.waitUntilOnline(5_000);
	const circulation = new CirculationService(client, { institutionId: 'DEMO', location: 'CEN', terminalPassword: '' });
	desk = new DeskService(circulation, { libraryName: 'Bibliotheek Demostad', now: () => new Date('2026-11-23T10:15:00') });
});

afterAll(async () => {
	await client.close();
	await acs.close();
});

describe('the staff desk', () => {
	it('finds a member by card without a PIN: full name, blocks, account; the card masked', async () => {
		const jan = await desk.findMember('20001000000038');
		expect(jan).toMatchObject({ card: '**********0038', name: 'Jan de Vries', blocks: [] });
		expect(jan!.account.loans.map((loan) => loan.itemId).sort()).toEqual(['30001000000119', '30001000000127']);
		expect((await desk.findMember('20001000000020'))!.blocks).toContain('chargePrivilegesDenied');
		expect((await desk.findMember('20001000000046'))!.blocks).toContain('cardReportedLost');
		expect(await desk.findMember('29999999999999')).toBeNull();
	});

	it('lends to the member at the desk, and renews', async () => {
		expect(await desk.checkout('20001000000012', '30001000000036')).toMatchObject({ ok: true, offline: false });
		expect(await desk.renew('20001000000012', '30001000000036')).toMatchObject({ ok: true });
		expect(await desk.checkout('29999999999999', '30001000000044')).toBeNull();
	});

	it('takes returns with a slip for the hold shelf (initials and last digits only) and the transit box', async () => {
		const held = await desk.checkin('30001000000135');
		expect(held.outcome).toMatchObject({ ok: true, action: 'hold-shelf' });
		expect(held.slip).toEqual(['Bibliotheek Demostad', 'RESERVERING', expect.any(String), '30001000000135', expect.stringMatching(/^Voor: J\.V\. 0038$/), expect.any(String)]);
		expect(held.slip!.join(' ')).not.toMatch(/Jan|Vries|20001000000038/);
		const transit = await desk.checkin('30001000000143');
		expect(transit.slip).toContain('Naar: NRD');
		expect((await desk.checkin('30001000000036')).slip).toBeNull();
	});

	it('makes initials of either name order', () => {
		expect(initialsOf('Sanne Jansen')).toBe('S.J.');
		expect(initialsOf('Jansen, Sanne')).toBe('S.J.');
		expect(initialsOf('')).toBe('');
	});
});
