import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RfidPadDriver, RfidPadSimulator } from '../../drivers/rfid';
import { TAG_DATA_MODELS } from '../../drivers/rfid/tag-data';
import { MemoryLinkOpener } from '../../drivers/transport/memory-link';
import { CirculationService, type LibrarySystem } from '../../server/circulation/circulation-service';
import { MemberSessions, type MemberSession } from '../../server/circulation/member-sessions';
import type { RfidConfig } from '../../server/config';
import type { RunningDemoAcs } from '../../server/demo-acs/demo-acs-server';
import { startDemoLibrarySystem } from '../../server/demo-acs/demo-library-system';
import { LibraryPad } from '../../server/devices/library-pad';
import { PadSimulatorControl } from '../../server/devices/pad-simulator-control';
import { Sip2Client, tcpTransport, type ResponseTo, type SipRequest } from '../../server/sip2';

/**
 * Borrowing and returning with RFID, end to end below the screen: the real SIP2 client and demo
 * library over TCP, the real pad driver speaking FEIG frames to the pad simulator. The security
 * rule is checked at the moment the library system answers: the tag must still be untouched.
 */
const IN_LIBRARY = 0x07;
const ON_LOAN = 0xc2;
const rfidConfig: RfidConfig = { reader: { kind: 'simulator', protocol: 'feig' }, dataModel: 'iso28560-3', afiInLibrary: IN_LIBRARY, afiOnLoan: ON_LOAN, securityMode: 'afi' };

let acs: RunningDemoAcs;
let client: Sip2Client;
let pad: LibraryPad;
let control: PadSimulatorControl;
let circulation: CirculationService;
const sent: string[] = [];
/** The AFI of every tag on the pad at the moment each library-system answer arrived. */
const afiWhenAnswered: { command: string; afis: Record<string, number> }[] = [];
const sessions = new MemberSessions(60_000);

beforeAll(async () => {
	acs = await startDemoLibrarySystem();
	client = new Sip2Client({ transport: tcpTransport({ host: acs.host, port: acs.port }), login: { user: 'kiosk', password: 'kiosk' } });
	client.start();
	await client.waitUntilOnline(5_000);
	const simulator = new RfidPadSimulator('feig');
	control = new PadSimulatorControl(simulator, rfidConfig);
	const driver = new RfidPadDriver(new MemoryLinkOpener('pad', (link) => simulator.attach(link)), 'feig', { pollIntervalMs: 20 });
	pad = new LibraryPad(driver, TAG_DATA_MODELS['iso28560-3'], { afiInLibrary: IN_LIBRARY, afiOnLoan: ON_LOAN, mode: 'afi' });
	pad.start();
	const recording: LibrarySystem = {
		async request<R extends SipRequest>(message: R): Promise<ResponseTo<R>> {
			sent.push(message.command);
			const answer = await client.request(message);
			afiWhenAnswered.push({ command: (answer as { command: string }).command, afis: Object.fromEntries(control.tags().map((tag) => [tag.uid, tag.afi])) });
			return answer;
		}
	};
	circulation = new CirculationService(recording, { institutionId: 'DEMO', location: 'CEN', terminalPassword: '' }, undefined, undefined, pad);
});

afterAll(async () => {
	await pad.stop();
	await client.close();
	await acs.close();
});

async function onPad(...tags: Parameters<PadSimulatorControl['place']>[0]): Promise<string[]> {
	const uids = control.place(tags);
	await expect.poll(() => uids.every((uid) => pad.snapshot().tags.some((tag) => tag.uid === uid)), { timeout: 3_000 }).toBe(true);
	return uids;
}

async function clearPad(): Promise<void> {
	control.clear();
	await expect.poll(() => pad.snapshot().tags.length, { timeout: 3_000 }).toBe(0);
}

async function logIn(card: string): Promise<MemberSession> {
	const { member } = await circulation.login(card, '1234');
	return sessions.create(member!.patronId, member!.pin, member!.member);
}

const afiOf = (uid: string | undefined) => control.tags().find((tag) => tag.uid === uid)?.afi;

describe('the security bit follows the library system', () => {
	it('a loan unsecures the tag only after the library system confirmed it, and the read-back says so', async () => {
		const [uid] = await onPad({ id: '30001000000010' });
		const sanne = await logIn('20001000000012');
		afiWhenAnswered.length = 0;
		const outcome = await circulation.borrow(sanne, '30001000000010');
		expect(outcome).toMatchObject({ ok: true, security: 'done' });
		const checkout = afiWhenAnswered.find((entry) => entry.command === '12')!;
		expect(checkout.afis[uid!]).toBe(IN_LIBRARY);
		expect(afiOf(uid!)).toBe(ON_LOAN);
		await clearPad();
	});

	it('a refused loan leaves the tag secured', async () => {
		const [uid] = await onPad({ id: '30001000000135' });
		const sanne = await logIn('20001000000012');
		expect(await circulation.borrow(sanne, '30001000000135')).toMatchObject({ ok: false, reason: 'hold-for-other' });
		expect(afiOf(uid!)).toBe(IN_LIBRARY);
		await clearPad();
	});

	it('a return secures the tag again only after the library system confirmed it', async () => {
		const [uid] = await onPad({ id: '30001000000101', afi: ON_LOAN });
		afiWhenAnswered.length = 0;
		expect(await circulation.returnItem('30001000000101')).toMatchObject({ ok: true, security: 'done' });
		expect(afiWhenAnswered.find((entry) => entry.command === '10')!.afis[uid!]).toBe(ON_LOAN);
		expect(afiOf(uid!)).toBe(IN_LIBRARY);
		await clearPad();
	});

	it('a write that does not take is reported, alerts staff, and the loan stays on record', async () => {
		const [uid] = await onPad({ id: '30001000000028' });
		const alerts: unknown[] = [];
		pad.on('security-alert', (alert) => alerts.push(alert));
		control.failNextWrite(uid!);
		const sanne = await logIn('20001000000012');
		expect(await circulation.borrow(sanne, '30001000000028')).toMatchObject({ ok: true, security: 'failed' });
		expect(afiOf(uid!)).toBe(IN_LIBRARY);
		expect(alerts).toEqual([expect.objectContaining({ itemId: '30001000000028', uid, wanted: 'on-loan' })]);
		const item = await client.request({ command: '17', transactionDate: '20261123    120000', institutionId: 'DEMO', itemId: '30001000000028' });
		expect(item.circulationStatus).toBe('04');
		await clearPad();
	});
});

describe('multi-part sets', () => {
	it('lends a set only when every part is on the pad, says which part is missing, and unsecures all parts', async () => {
		const sanne = await logIn('20001000000012');
		const partial = await onPad({ id: '30001000000184', part: 1, of: 3 }, { id: '30001000000184', part: 3, of: 3 });
		sent.length = 0;
		expect(await circulation.borrow(sanne, '30001000000184')).toEqual({
			itemId: '30001000000184',
			ok: false,
			reason: 'parts-missing',
			title: null,
			message: null,
			parts: { missing: [2], of: 3 }
		});
		expect(sent).toEqual([]);
		expect(partial.map(afiOf)).toEqual([IN_LIBRARY, IN_LIBRARY]);

		const [second] = await onPad({ id: '30001000000184', part: 2, of: 3 });
		expect(await circulation.borrow(sanne, '30001000000184')).toMatchObject({ ok: true, security: 'done' });
		expect([...partial, second].map(afiOf)).toEqual([ON_LOAN, ON_LOAN, ON_LOAN]);
		await clearPad();
	});
});

describe('what the pad shows the screen', () => {
	it('tells items, member cards and unreadable tags apart', async () => {
		const [item, card] = await onPad({ id: '30001000000036' }, { id: '20001000000012', kind: 'member-card' });
		const tags = pad.snapshot().tags;
		expect(tags.find((tag) => tag.uid === item)).toMatchObject({ kind: 'item', id: '30001000000036', part: 1, of: 1 });
		expect(tags.find((tag) => tag.uid === card)).toMatchObject({ kind: 'member-card', id: '20001000000012' });
		await clearPad();
	});

	it('shows the technician decoded fields with the AFI, and a member card only masked', async () => {
		const [item, card] = await onPad({ id: '30001000000036' }, { id: '20001000000012', kind: 'member-card' });
		const tags = pad.decodedTags();
		expect(tags.find((tag) => tag.uid === item)).toEqual({ uid: item, kind: 'item', id: '30001000000036', part: 1, of: 1, afi: IN_LIBRARY });
		expect(tags.find((tag) => tag.uid === card)).toMatchObject({ kind: 'member-card', id: '**********0012' });
		expect(JSON.stringify(tags)).not.toContain('20001000000012');
		await clearPad();
	});
});
