import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLinkOpener } from '../transport/memory-link';
import { encodeApdu, isPositiveAcknowledgement, ZvtCommand, type ZvtApdu } from './zvt-apdu';
import type { ZvtFraming } from './zvt-apdu-channel';
import { ZvtCommandError, ZvtEncodeError } from './zvt-errors';
import { ZvtTerminal, type ZvtReceiptLineEvent, type ZvtStatusEvent, type ZvtTimeouts } from './zvt-terminal-driver';
import { ZvtTerminalSimulator, type ZvtSimulatorLogEntry, type ZvtTerminalSimulatorOptions } from './zvt-terminal-simulator';

/** BE: PT sends receipt lines and intermediate status, ECR controls payment and administration. */
const CONFIG = 0xbe;

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

function setup(options: { framing?: ZvtFraming; simulator?: ZvtTerminalSimulatorOptions; timeouts?: Partial<ZvtTimeouts> } = {}) {
	const framing = options.framing ?? 'tcp';
	const simulator = new ZvtTerminalSimulator({ framing, ...options.simulator });
	let opened = 0;
	const opener = new MemoryLinkOpener('zvt-test', (deviceSide) => {
		opened++;
		simulator.attach(deviceSide);
	});
	const terminal = new ZvtTerminal({ opener, framing, timeouts: { acknowledgementMs: 1_000, authorisationMs: 3_000, ...options.timeouts } });
	const statuses: ZvtStatusEvent[] = [];
	const lines: ZvtReceiptLineEvent[] = [];
	terminal.on('status', (status) => statuses.push(status));
	terminal.on('receipt-line', (line) => lines.push(line));
	cleanup.push(
		() => terminal.close(),
		() => simulator.close()
	);
	return { simulator, opener, terminal, statuses, lines, opens: () => opened };
}

function commandsFromEcr(log: readonly ZvtSimulatorLogEntry[]): number[] {
	return log.filter((entry) => entry.direction === 'ecr-to-pt').map((entry) => entry.apdu.command);
}

function bytes(apdu: ZvtApdu): number[] {
	return [...encodeApdu(apdu)];
}

/** The ECR's last acknowledgement is written before the command resolves but reaches the PT a moment later. */
async function lastAcknowledgementArrived(simulator: ZvtTerminalSimulator): Promise<void> {
	await expect.poll(() => simulator.log.at(-1)).toMatchObject({ direction: 'ecr-to-pt', apdu: { command: ZvtCommand.positiveAcknowledgement } });
}

/** The sheet's rule: the ECR answers every PT message (other than an acknowledgement) with 80 00 00 before the PT sends the next. */
async function expectEveryTerminalMessageAcknowledged(simulator: ZvtTerminalSimulator): Promise<number> {
	await lastAcknowledgementArrived(simulator);
	const log = simulator.log;
	let acknowledged = 0;
	log.forEach((entry, index) => {
		if (entry.direction !== 'pt-to-ecr' || entry.apdu.command >> 8 === 0x80 || entry.apdu.command >> 8 === 0x84) return;
		const answer = log.slice(index + 1).find((later) => later.direction === 'ecr-to-pt');
		expect(answer && isPositiveAcknowledgement(answer.apdu), `answer to ${entry.apdu.command.toString(16)}`).toBe(true);
		acknowledged++;
	});
	return acknowledged;
}

describe('registration', () => {
	it('sends 06 00 with password, config byte and currency and returns the terminal id and status byte', async () => {
		const { terminal, simulator } = setup();
		const registration = await terminal.register('123456', CONFIG, 'EUR');
		expect(registration).toEqual({ terminalId: '52523535', statusByte: 0x10, currency: 978, outOfService: false });
		await lastAcknowledgementArrived(simulator);
		const fromEcr = simulator.log.filter((entry) => entry.direction === 'ecr-to-pt');
		expect(bytes(fromEcr[0]!.apdu)).toEqual([0x06, 0x00, 0x06, 0x12, 0x34, 0x56, 0xbe, 0x09, 0x78]);
		expect(bytes(fromEcr[1]!.apdu)).toEqual([0x80, 0x00, 0x00]);
		expect(terminal.state).toBe('ready');
	});

	it('fails with a typed error when the terminal refuses the password, and refuses a malformed one before sending', async () => {
		const { terminal, simulator } = setup();
		await expect(terminal.register('654321', CONFIG)).rejects.toMatchObject({ name: 'ZvtCommandError', failure: 'rejected', code: 0x83 });
		await expect(terminal.register('12345', CONFIG)).rejects.toThrow(ZvtEncodeError);
		expect(commandsFromEcr(simulator.log)).toEqual([ZvtCommand.registration]);
	});

	it('marks the payment function out of service on status byte 01 and starts no payment', async () => {
		const { terminal, simulator } = setup({ simulator: { statusByte: 0x01 } });
		expect((await terminal.register('123456', CONFIG)).outOfService).toBe(true);
		expect(await terminal.authorize(100)).toMatchObject({ outcome: 'unavailable', reason: 'out-of-service', code: 0x01 });
		expect(commandsFromEcr(simulator.log)).not.toContain(ZvtCommand.authorisation);
	});
});

describe.each<ZvtFraming>(['tcp', 'serial'])('approved payment (%s framing)', (framing) => {
	it('reports the status texts in order and the receipt lines, acknowledges every message, resolves approved', async () => {
		const { terminal, simulator, statuses, lines } = setup({ framing });
		await terminal.register('123456', CONFIG, 'EUR');
		const result = await terminal.authorize(1234);

		expect(result).toMatchObject({
			outcome: 'approved',
			amountCents: 1234,
			currency: 978,
			receiptNumber: '0231',
			traceNumber: '000975',
			terminalId: '52523535',
			maskedPan: '559883******8074',
			cardName: 'MasterCard',
			cardType: 0x06,
			paymentType: 0x60,
			authorisationAttribute: '750071',
			vuNumber: '804011926'
		});
		expect(statuses.map((status) => [status.id, status.terminalText])).toEqual([
			['insert-card', 'Karte einstecken'],
			['watch-pin-pad', 'PIN eingeben'],
			['please-wait', 'Bitte warten']
		]);
		expect(statuses[0]).toMatchObject({ code: 0x0a, text: 'insert card', timeoutSeconds: 60 });
		expect(lines.map((line) => line.text)).toEqual([
			'Stadtbibliothek Kundenbeleg',
			'Kartenzahlung',
			'Betrag EUR 12,34',
			'MasterCard 559883******8074',
			'Beleg-Nr. 0231 Trace 000975',
			'Zahlung erfolgt - Gebühr bezahlt'
		]);
		expect(lines.at(-1)?.attribute).toBe(0xff);

		const authorisation = simulator.log.find((entry) => entry.apdu.command === ZvtCommand.authorisation);
		expect(bytes(authorisation!.apdu)).toEqual([0x06, 0x01, 0x0a, 0x04, 0x00, 0x00, 0x00, 0x00, 0x12, 0x34, 0x49, 0x09, 0x78]);
		// registration completion + 3 statuses + 6 lines + status information + completion
		expect(await expectEveryTerminalMessageAcknowledged(simulator)).toBe(12);
		expect(terminal.state).toBe('ready');
	});
});

describe('payments', () => {
	it('reads a 06 D3 text block as receipt lines with their receipt type', async () => {
		const { terminal, lines } = setup({ simulator: { receiptFormat: 'block' } });
		await terminal.register('123456', CONFIG);
		expect((await terminal.authorize(1)).outcome).toBe('approved');
		expect(lines).toHaveLength(6);
		expect(lines.every((line) => line.receiptType === 2 && line.attribute === null)).toBe(true);
		expect(lines[2]?.text).toBe('Betrag EUR 0,01');
	});

	it('without config bit 08 the terminal sends no intermediate status, and the payment still completes', async () => {
		const { terminal, statuses, lines } = setup();
		await terminal.register('123456', 0x80);
		expect((await terminal.authorize(500)).outcome).toBe('approved');
		expect(statuses).toEqual([]);
		expect(lines).toHaveLength(6);
	});

	it('declined by the host: code, generic text and the terminal additional text', async () => {
		const { terminal, simulator } = setup();
		await terminal.register('123456', CONFIG);
		simulator.enqueue({ kind: 'decline', resultCode: 0x05 });
		expect(await terminal.authorize(2500)).toEqual({ outcome: 'declined', code: 0x05, id: 'declined-by-host', text: 'declined', terminalText: 'Abgelehnt' });
		// registration completion + 3 statuses + status information + abort
		expect(await expectEveryTerminalMessageAcknowledged(simulator)).toBe(6);
	});

	it('declined for a terminal-side reason (card expired, 78)', async () => {
		const { terminal, simulator } = setup();
		await terminal.register('123456', CONFIG);
		simulator.enqueue({ kind: 'decline', resultCode: 0x78 });
		expect(await terminal.authorize(2500)).toMatchObject({ outcome: 'declined', code: 0x78, id: 'card-expired' });
	});

	it('aborted by the kiosk: 06 B0 while the terminal waits for a card, acknowledged, then 06 1E 6C', async () => {
		const { terminal, simulator } = setup();
		await terminal.register('123456', CONFIG);
		simulator.enqueue({ kind: 'wait-for-card' });
		let abortAccepted: Promise<boolean> | null = null;
		terminal.on('status', (status) => {
			if (status.id === 'insert-card') abortAccepted = terminal.abort();
		});
		expect(await terminal.authorize(1000)).toEqual({ outcome: 'aborted', by: 'kiosk', code: 0x6c });
		expect(await abortAccepted).toBe(true);
		expect(commandsFromEcr(simulator.log)).toContain(ZvtCommand.abort);
	});

	it('an abort once the terminal is online with the host is refused, and the payment result stands', async () => {
		const { terminal } = setup();
		await terminal.register('123456', CONFIG);
		let abortAccepted: Promise<boolean> | null = null;
		terminal.on('status', (status) => {
			if (status.id === 'please-wait') abortAccepted = terminal.abort();
		});
		expect((await terminal.authorize(1000)).outcome).toBe('approved');
		expect(await abortAccepted).toBe(false);
	});

	it('abort() with no payment running does nothing', async () => {
		const { terminal, simulator } = setup();
		await terminal.register('123456', CONFIG);
		expect(await terminal.abort()).toBe(false);
		expect(commandsFromEcr(simulator.log)).not.toContain(ZvtCommand.abort);
	});

	it('aborted at the terminal (member pressed abort): 06 1E 6C without our abort', async () => {
		const { terminal, simulator, statuses } = setup();
		await terminal.register('123456', CONFIG);
		simulator.enqueue({ kind: 'abort-at-terminal' });
		expect(await terminal.authorize(1000)).toEqual({ outcome: 'aborted', by: 'terminal', code: 0x6c });
		expect(statuses.map((status) => status.id)).toEqual(['insert-card']);
	});

	it('times out after T4 when the terminal goes silent, then pays again on a fresh, re-registered link', async () => {
		const { terminal, simulator, opens } = setup({ timeouts: { authorisationMs: 150 } });
		await terminal.register('123456', CONFIG);
		simulator.enqueue({ kind: 'silence' });
		expect(await terminal.authorize(1000)).toEqual({ outcome: 'timeout', stage: 'authorisation' });
		expect((await terminal.authorize(1000)).outcome).toBe('approved');
		expect(opens()).toBe(2);
		expect(commandsFromEcr(simulator.log).filter((command) => command === ZvtCommand.registration)).toHaveLength(2);
	});

	it('times out after T3 when the terminal does not acknowledge the authorisation', async () => {
		const { terminal, simulator } = setup({ timeouts: { acknowledgementMs: 100 } });
		await terminal.register('123456', CONFIG);
		simulator.enqueue({ kind: 'no-acknowledgement' });
		expect(await terminal.authorize(1000)).toEqual({ outcome: 'timeout', stage: 'acknowledgement' });
	});

	it('a negative acknowledgement (84 83 00) means nothing started: unavailable, rejected', async () => {
		const { terminal, simulator } = setup();
		await terminal.register('123456', CONFIG);
		simulator.enqueue({ kind: 'refuse', code: 0x83 });
		expect(await terminal.authorize(1000)).toEqual({ outcome: 'unavailable', reason: 'rejected', code: 0x83, text: 'function not possible' });
	});

	it('the terminal hanging up mid-authorisation ends disconnected; the next payment reconnects, re-registers and is approved', async () => {
		const { terminal, simulator, statuses, opens } = setup();
		await terminal.register('123456', CONFIG);
		simulator.enqueue({ kind: 'hang-up' });
		const states: string[] = [];
		terminal.on('state', (state) => states.push(state));
		expect(await terminal.authorize(1000)).toEqual({ outcome: 'disconnected' });
		expect(statuses.map((status) => status.id)).toEqual(['insert-card']);
		expect(terminal.state).toBe('disconnected');

		const next = await terminal.authorize(1000);
		expect(next).toMatchObject({ outcome: 'approved', receiptNumber: '0231' });
		expect(opens()).toBe(2);
		const commands = commandsFromEcr(simulator.log).filter((command) => command !== ZvtCommand.positiveAcknowledgement);
		expect(commands).toEqual([ZvtCommand.registration, ZvtCommand.authorisation, ZvtCommand.registration, ZvtCommand.authorisation]);
		// the re-registration runs as its own command on the new link
		expect(states).toEqual(['busy', 'disconnected', 'ready', 'busy', 'ready', 'busy', 'ready']);
	});

	it('an unplugged terminal mid-authorisation ends disconnected; while it is away payments are unavailable', async () => {
		const { terminal, simulator, opener } = setup();
		await terminal.register('123456', CONFIG);
		simulator.enqueue({ kind: 'wait-for-card' });
		terminal.once('status', () => opener.unplug());
		expect(await terminal.authorize(1000)).toEqual({ outcome: 'disconnected' });
		expect(await terminal.authorize(1000)).toMatchObject({ outcome: 'unavailable', reason: 'no-connection' });
		opener.plugIn();
		expect((await terminal.authorize(1000)).outcome).toBe('approved');
	});

	it('runs concurrent payments one after the other, never interleaved', async () => {
		const { terminal, simulator } = setup();
		await terminal.register('123456', CONFIG);
		const [first, second] = await Promise.all([terminal.authorize(100), terminal.authorize(200)]);
		expect(first).toMatchObject({ outcome: 'approved', amountCents: 100, traceNumber: '000975' });
		expect(second).toMatchObject({ outcome: 'approved', amountCents: 200, traceNumber: '000976' });
		const completions = simulator.log.flatMap((entry, index) => (entry.apdu.command === ZvtCommand.completion ? [index] : []));
		const secondAuthorisation = simulator.log.findLastIndex((entry) => entry.apdu.command === ZvtCommand.authorisation);
		expect(secondAuthorisation).toBeGreaterThan(completions[1]!);
	});

	it('refuses an amount ZVT cannot carry without sending anything', async () => {
		const { terminal, simulator } = setup();
		await expect(terminal.authorize(-5)).rejects.toThrow(ZvtEncodeError);
		await expect(terminal.authorize(12.5)).rejects.toThrow(ZvtEncodeError);
		expect(simulator.log).toEqual([]);
	});

	it('after close() payments are unavailable', async () => {
		const { terminal } = setup();
		await terminal.register('123456', CONFIG);
		await terminal.close();
		expect(await terminal.authorize(100)).toMatchObject({ outcome: 'unavailable', reason: 'closed' });
		expect(terminal.state).toBe('closed');
	});
});

describe('administration', () => {
	it('status enquiry returns the software version and ready status', async () => {
		const { terminal, simulator } = setup();
		await terminal.register('123456', CONFIG);
		expect(await terminal.statusEnquiry()).toEqual({ softwareVersion: 'kiosk-zvt-simulator 1', terminalStatusCode: 0, ready: true });
		const enquiry = simulator.log.find((entry) => entry.apdu.command === ZvtCommand.statusEnquiry);
		expect(bytes(enquiry!.apdu)).toEqual([0x05, 0x01, 0x03, 0x12, 0x34, 0x56]);
	});

	it('status enquiry before registration is refused: the password is not known yet', async () => {
		const { terminal } = setup();
		await expect(terminal.statusEnquiry()).rejects.toThrow(ZvtCommandError);
	});

	it('end-of-day reports the total of the day and resets it', async () => {
		const { terminal } = setup();
		await terminal.register('123456', CONFIG);
		await terminal.authorize(150);
		await terminal.authorize(250);
		expect(await terminal.endOfDay()).toMatchObject({ resultCode: 0, totalCents: 400 });
		expect(await terminal.endOfDay()).toMatchObject({ resultCode: 0, totalCents: 0 });
	});
});
