import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CirculationService } from '../../server/circulation/circulation-service';
import { MemberSessions, type MemberSession } from '../../server/circulation/member-sessions';
import type { RunningDemoAcs } from '../../server/demo-acs/demo-acs-server';
import { startDemoLibrarySystem } from '../../server/demo-acs/demo-library-system';
import { DEMO_PATRONS, DEMO_PIN } from '../../server/demo-library/seed-demo-library';
import { DeviceHub } from '../../server/devices/device-hub';
import { createLogger } from '../../server/logging/logger';
import { ReceiptMailer } from '../../server/receipts/receipt-mailer';
import { ReceiptService } from '../../server/receipts/receipt-service';
import { Sip2Client, tcpTransport } from '../../server/sip2';
import { startLoopbackSmtp, type LoopbackSmtp } from '../support/loopback-smtp';
import { scanForPersonalData } from '../support/personal-data-scan';

/**
 * A member's receipt from end to end: loans and a renewal through the real SIP2 client against the
 * demo library, a payment as the payments use case reports it, then the receipt printed on the
 * simulated printer (ESC/POS bytes) and e-mailed to a real SMTP server on loopback, to the address
 * the library system has. Both are searched for every demo member's personal data.
 */
const SANNE = DEMO_PATRONS.find((patron) => patron.firstName === 'Sanne')!;
let acs: RunningDemoAcs;
let client: Sip2Client;
let circulation: CirculationService;
let smtp: LoopbackSmtp;
let devices: DeviceHub;
let receipts: ReceiptService;
const logLines: string[] = [];
const sessions = new MemberSessions(60_000);

beforeAll(async () => {
	acs = await startDemoLibrarySystem();
	client = new Sip2Client({ transport: tcpTransport({ host: acs.host, port: acs.port }), login: { user: 'kiosk', password: 'kiosk', locationCode: 'CEN' } });
	client.start();
	await client.waitUntilOnline(5_000);
	const log = createLogger({ level: 'debug', write: (line) => logLines.push(line) });
	circulation = new CirculationService(client, { institutionId: 'DEMO', location: 'CEN', terminalPassword: '' }, log);
	smtp = await startLoopbackSmtp();
	devices = new DeviceHub({ scanner: { kind: 'none' }, printer: { kind: 'simulator' }, payment: { kind: 'none' }, paymentPassword: '000000' }, { log });
	await devices.start();
	await until(() => devices.devices().find((device) => device.kind === 'printer')?.state === 'ready');
	receipts = new ReceiptService({
		libraryName: 'Bibliotheek Demostad',
		printer: () => devices,
		mailer: new ReceiptMailer({ host: smtp.host, port: smtp.port, secure: false, starttls: 'off', user: '', password: '', from: 'kiosk@bibliotheek.example' }, log),
		emailAddressOf: (session) => circulation.receiptEmailAddress(session),
		logger: log
	});
});

afterAll(async () => {
	await devices?.stop();
	await smtp?.close();
	await client?.close();
	await acs?.close();
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

async function logIn(card: string): Promise<MemberSession> {
	const { member } = await circulation.login(card, DEMO_PIN);
	return sessions.create(member!.patronId, member!.pin, member!.member);
}

function expectNoPersonalData(text: string): void {
	expect(scanForPersonalData(text, DEMO_PATRONS, [DEMO_PIN])).toEqual([]);
	expect(text).not.toContain(SANNE.cardNumber);
}

describe('a session receipt', () => {
	let session: MemberSession;

	beforeAll(async () => {
		session = await logIn(SANNE.cardNumber);
		expect(await receipts.options(session)).toEqual({ hasContent: false, print: true, email: null });
		expect(await circulation.borrow(session, '30001000000184')).toMatchObject({ ok: true, title: 'Zwartboek' });
		expect((await circulation.renew(session, '30001000000101')).ok).toBe(true);
		session.receipt.addPayment({ amountCents: 240, currency: 'EUR', terminalReference: '004711', cardBrand: 'Maestro', maskedPan: '6799########0018', fees: 1 });
	});

	it('offers print, and e-mail to the library system address shown masked', async () => {
		expect(await receipts.options(session)).toEqual({ hasContent: true, print: true, email: 's***@example.nl' });
	});

	it('prints on the receipt printer: titles, due dates, the masked card, the payment; nothing else personal', async () => {
		const before = devices.printerSimulator!.receipts.length;
		expect(await receipts.send(session, 'print', 'nl')).toEqual({ ok: true, channel: 'print' });
		await until(() => devices.printerSimulator!.receipts.length > before);
		const text = devices.printerSimulator!.lastReceiptText()!;
		for (const expected of ['Bibliotheek Demostad', 'Pas: **********0012', 'Geleend', 'Zwartboek', 'Verlengd', 'Het smelt', 'Terug op', 'EUR 2,40 met Maestro 6799########0018', '004711']) {
			expect(text).toContain(expected);
		}
		expectNoPersonalData(text);
	});

	it('says so when the printer is out of paper, and prints nothing', async () => {
		const before = devices.printerSimulator!.receipts.length;
		devices.printerSimulator!.paperOut = true;
		try {
			expect(await receipts.send(session, 'print', 'nl')).toEqual({ ok: false, reason: 'paper-out' });
		} finally {
			devices.printerSimulator!.paperOut = false;
		}
		expect(devices.printerSimulator!.receipts.length).toBe(before);
	});

	it('e-mails it, in English when asked, to the address the library system has and to no one else', async () => {
		const before = smtp.received.length;
		expect(await receipts.send(session, 'email', 'en')).toEqual({ ok: true, channel: 'email' });
		const mail = await smtp.waitFor(before + 1);
		expect(mail.envelopeTo).toEqual([SANNE.email]);
		expect(mail.to).toBe(SANNE.email);
		expect(mail.subject).toBe('Your receipt from Bibliotheek Demostad');
		for (const expected of ['Card: **********0012', 'Borrowed', 'Zwartboek', 'Due back', 'Renewed', 'Het smelt', 'EUR 2.40 by Maestro', '004711']) expect(mail.text).toContain(expected);
		// The address is on the envelope and in To:, and nowhere in what the member reads.
		expectNoPersonalData(mail.subject);
		expectNoPersonalData(mail.text);
	});

	it('never writes the address, the name or the card number to the log', () => {
		expect(logLines.join('\n')).toContain('receipt e-mailed');
		expectNoPersonalData(logLines.join('\n'));
	});
});

describe('when there is no e-mail', () => {
	it('offers no e-mail without a mail server, and refuses to send one', async () => {
		const session = await logIn('20001000000061');
		expect(await circulation.borrow(session, '30001000000192')).toMatchObject({ ok: true });
		const noMail = new ReceiptService({ libraryName: 'B', printer: () => devices, mailer: null, emailAddressOf: (s) => circulation.receiptEmailAddress(s) });
		expect(await noMail.options(session)).toEqual({ hasContent: true, print: true, email: null });
		expect(await noMail.send(session, 'email', 'nl')).toEqual({ ok: false, reason: 'email-unavailable' });
	});

	it('offers no e-mail when the library system cannot be asked', async () => {
		const session = await logIn(SANNE.cardNumber);
		session.receipt.addLoan({ itemId: '1', title: 'T', dueDate: null, dueDateText: '', offline: true });
		const unreachable = new ReceiptService({
			libraryName: 'B',
			printer: () => devices,
			mailer: { send: async () => {} },
			emailAddressOf: async () => {
				throw new Error('unavailable');
			}
		});
		expect(await unreachable.options(session)).toEqual({ hasContent: true, print: true, email: null });
	});
});
