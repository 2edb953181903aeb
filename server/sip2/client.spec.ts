import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger';
import { Sip2Client, type Sip2ClientState } from './client';
import { decodeMessage, encodeMessage } from './codec';
import { Sip2LoginError, Sip2TimeoutError, Sip2UnavailableError } from './errors';
import { SipFrameReader } from './framing';
import type { SipMessage, SipMessageByCommand } from './messages';
import { tcpTransport } from './transport';

/**
 * A scripted ACS on a real loopback socket: each test says how it answers. It records what it
 * received, decoded, so tests can check the client's side of the conversation.
 */
type Reply = string | null | ((message: SipMessage, raw: string) => string | null);

class ScriptedAcs {
	readonly received: string[] = [];
	readonly connections: net.Socket[] = [];
	private server: net.Server | tls.Server;
	port = 0;

	constructor(
		public respond: (message: SipMessage, raw: string, index: number) => Reply,
		tlsOptions?: tls.TlsOptions
	) {
		const onSocket = (socket: net.Socket) => {
			this.connections.push(socket);
			const reader = new SipFrameReader();
			socket.on('error', () => {});
			socket.on('data', (chunk) => {
				for (const frame of reader.push(chunk)) {
					const raw = frame.toString('utf8');
					this.received.push(raw);
					let reply: Reply;
					try {
						reply = this.respond(decodeMessage(frame, { charset: 'utf-8', verifyChecksum: false }), raw, this.received.length - 1);
					} catch {
						reply = null;
					}
					if (typeof reply === 'function') reply = reply(decodeMessage(frame, { charset: 'utf-8', verifyChecksum: false }), raw);
					if (reply !== null) socket.write(reply + '\r');
				}
			});
		};
		this.server = tlsOptions ? tls.createServer(tlsOptions, onSocket) : net.createServer(onSocket);
	}

	async listen(): Promise<this> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.port = (this.server.address() as net.AddressInfo).port;
		return this;
	}

	async close(): Promise<void> {
		for (const socket of this.connections) socket.destroy();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	commands(): string[] {
		return this.received.map((raw) => raw.slice(0, 2));
	}
}

const DATE = '20261123    101500';
const wire = (message: SipMessage, sequence?: number) =>
	encodeMessage(message, { charset: 'utf-8', errorDetection: sequence === undefined ? false : { sequence } }).toString('utf8');

const acsStatus = (online = true): SipMessageByCommand<'98'> => ({
	command: '98',
	onlineStatus: online,
	checkinOk: true,
	checkoutOk: true,
	acsRenewalPolicy: true,
	statusUpdateOk: false,
	offlineOk: false,
	timeoutPeriod: 50,
	retriesAllowed: 3,
	dateTimeSync: DATE,
	protocolVersion: '2.00',
	institutionId: 'DEMO',
	supportedMessages: 'YYYYYYYYYYYYYYYY'
});

const itemInfo = (itemId: string): SipMessageByCommand<'18'> => ({
	command: '18',
	circulationStatus: '03',
	securityMarker: '02',
	feeType: '01',
	transactionDate: DATE,
	itemId,
	titleId: `Title of ${itemId}`
});

/** A well-behaved ACS: login ok, status, item information. Echoes AY. */
function standardReply(message: SipMessage): string | null {
	const sequence = message.sequence;
	switch (message.command) {
		case '93':
			return wire({ command: '94', ok: message.loginPassword === 'kiosk' }, sequence);
		case '99':
			return wire(acsStatus(), sequence);
		case '17':
			return wire(itemInfo(message.itemId ?? ''), sequence);
		default:
			return null;
	}
}

const itemRequest = (itemId: string): SipMessageByCommand<'17'> => ({ command: '17', transactionDate: DATE, institutionId: 'DEMO', itemId });

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const step of cleanup.reverse()) await step();
	cleanup = [];
});

async function setUp(respond: ConstructorParameters<typeof ScriptedAcs>[0], options: Partial<ConstructorParameters<typeof Sip2Client>[0]> = {}) {
	const acs = await new ScriptedAcs(respond).listen();
	const logLines: string[] = [];
	const client = new Sip2Client({
		transport: tcpTransport({ host: '127.0.0.1', port: acs.port }),
		login: { user: 'kiosk', password: 'kiosk' },
		requestTimeoutMs: 500,
		heartbeatMs: 60_000,
		backoff: { initialMs: 20, maxMs: 100 },
		logger: createLogger({ level: 'debug', write: (line) => logLines.push(line) }),
		...options
	});
	cleanup.push(() => acs.close(), () => client.close());
	client.start();
	return { acs, client, logLines };
}

describe('Sip2Client', () => {
	it('logs in with 93, asks status with 99, then serves requests with increasing sequence numbers', async () => {
		const { acs, client } = await setUp(standardReply);
		await client.waitUntilOnline(2_000);
		expect(client.state).toBe('online');
		expect(client.acsStatus?.institutionId).toBe('DEMO');
		const first = await client.request(itemRequest('30001000000010'));
		const second = await client.request(itemRequest('30001000000028'));
		expect(first.titleId).toBe('Title of 30001000000010');
		expect(second.titleId).toBe('Title of 30001000000028');
		expect(acs.commands()).toEqual(['93', '99', '17', '17']);
		expect(acs.received.map((raw) => raw.match(/AY(\d)AZ/)?.[1])).toEqual(['0', '1', '2', '3']);
	});

	it('keeps one request in flight: the second is sent only after the first is answered', async () => {
		let hold: (() => void) | null = null;
		const { acs, client } = await setUp((message) => {
			if (message.command === '17' && message.itemId === 'slow') {
				return null; // answered below, later
			}
			return standardReply(message);
		});
		await client.waitUntilOnline(2_000);
		const slowAnswered = new Promise<void>((resolve) => (hold = resolve));
		const slow = client.request(itemRequest('slow'));
		const fast = client.request(itemRequest('fast'));
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(acs.commands()).toEqual(['93', '99', '17']);
		const socket = acs.connections[0]!;
		socket.write(wire(itemInfo('slow'), 2) + '\r');
		hold!();
		await slowAnswered;
		expect((await slow).itemId).toBe('slow');
		expect((await fast).itemId).toBe('fast');
		expect(acs.commands()).toEqual(['93', '99', '17', '17']);
	});

	it('answers a bad checksum with 97 and accepts the resent answer', async () => {
		let corrupted = false;
		const { acs, client } = await setUp((message) => {
			if (message.command === '17' && !corrupted) {
				corrupted = true;
				return wire(itemInfo('30001000000010'), message.sequence).replace(/AZ[0-9A-F]{4}$/, 'AZ0000');
			}
			if (message.command === '97') return wire(itemInfo('30001000000010'), 2);
			return standardReply(message);
		});
		await client.waitUntilOnline(2_000);
		const answer = await client.request(itemRequest('30001000000010'));
		expect(answer.itemId).toBe('30001000000010');
		expect(acs.commands()).toEqual(['93', '99', '17', '97']);
		expect(acs.received[3]).toBe('97AZFEF5');
	});

	it('resends the original request, with the same sequence number, when the ACS answers 96', async () => {
		let asked = false;
		const { acs, client } = await setUp((message) => {
			if (message.command === '17' && !asked) {
				asked = true;
				return '96AZFEF6';
			}
			return standardReply(message);
		});
		await client.waitUntilOnline(2_000);
		await client.request(itemRequest('30001000000010'));
		expect(acs.commands()).toEqual(['93', '99', '17', '17']);
		expect(acs.received[3]).toBe(acs.received[2]);
	});

	it('discards an answer with the wrong sequence number and keeps waiting for the right one', async () => {
		const { client } = await setUp((message) => {
			if (message.command === '17') return wire(itemInfo('stale'), 7) + '\r' + wire(itemInfo(message.itemId ?? ''), message.sequence);
			return standardReply(message);
		});
		await client.waitUntilOnline(2_000);
		expect((await client.request(itemRequest('fresh'))).itemId).toBe('fresh');
	});

	it('takes a 98 sent instead of an answer as a status change and asks again', async () => {
		let statusSent = false;
		const { acs, client } = await setUp((message) => {
			if (message.command === '17' && !statusSent) {
				statusSent = true;
				return wire({ ...acsStatus(), libraryName: 'Changed' }, message.sequence);
			}
			return standardReply(message);
		});
		await client.waitUntilOnline(2_000);
		expect((await client.request(itemRequest('x'))).itemId).toBe('x');
		expect(client.acsStatus?.libraryName).toBe('Changed');
		expect(acs.commands()).toEqual(['93', '99', '17', '17']);
	});

	it('times out a request with a typed error, drops the connection, and comes back by itself', async () => {
		let silent = true;
		const { acs, client } = await setUp((message) => (message.command === '17' && silent ? null : standardReply(message)));
		await client.waitUntilOnline(2_000);
		await expect(client.request(itemRequest('x'))).rejects.toBeInstanceOf(Sip2TimeoutError);
		silent = false;
		await client.waitUntilOnline(3_000);
		expect((await client.request(itemRequest('y'))).itemId).toBe('y');
		expect(acs.connections.length).toBe(2);
		expect(acs.commands()).toEqual(['93', '99', '17', '93', '99', '17']);
	});

	it('reconnects with backoff when the ACS drops the connection, telling listeners', async () => {
		const { acs, client } = await setUp(standardReply);
		await client.waitUntilOnline(2_000);
		const states: Sip2ClientState[] = [];
		client.on('state', (state) => states.push(state));
		acs.connections[0]!.destroy();
		await new Promise<void>((resolve) => client.on('state', (state) => state === 'online' && resolve()));
		expect(states).toEqual(['connecting', 'online']);
		expect(acs.connections.length).toBe(2);
	});

	it('fails requests as unavailable, without sending, when the library system cannot be reached', async () => {
		const client = new Sip2Client({
			transport: tcpTransport({ host: '127.0.0.1', port: 1 }),
			login: null,
			availabilityWaitMs: 100,
			backoff: { initialMs: 20, maxMs: 50 }
		});
		cleanup.push(() => client.close());
		client.start();
		await expect(client.request(itemRequest('x'))).rejects.toBeInstanceOf(Sip2UnavailableError);
		expect(client.state).toBe('connecting');
	});

	it('stays unavailable and says why in the log when the SIP login is refused', async () => {
		const { client, logLines } = await setUp(standardReply, { login: { user: 'kiosk', password: 'wrong-password' }, availabilityWaitMs: 200 });
		await expect(client.request(itemRequest('x'))).rejects.toBeInstanceOf(Sip2UnavailableError);
		expect(logLines.some((line) => line.includes('SIP2 login refused'))).toBe(true);
		expect(Sip2LoginError).toBeDefined();
	});

	it('sends a 99 heartbeat when idle and follows the ACS going off-line and back', async () => {
		let online = true;
		const { acs, client } = await setUp(
			(message) => (message.command === '99' ? wire(acsStatus(online), message.sequence) : standardReply(message)),
			{ heartbeatMs: 60, availabilityWaitMs: 50 }
		);
		await client.waitUntilOnline(2_000);
		online = false;
		await new Promise<void>((resolve) => client.on('state', (state) => state === 'acs-offline' && resolve()));
		await expect(client.request(itemRequest('x'))).rejects.toBeInstanceOf(Sip2UnavailableError);
		online = true;
		await client.waitUntilOnline(2_000);
		expect(acs.commands().filter((command) => command === '99').length).toBeGreaterThanOrEqual(3);
	});

	it('never writes the SIP password or a PIN to its log', async () => {
		const { client, logLines } = await setUp((message) =>
			message.command === '63'
				? wire(
						{
							command: '64',
							patronStatus: { chargePrivilegesDenied: false, renewalPrivilegesDenied: false, recallPrivilegesDenied: false, holdPrivilegesDenied: false, cardReportedLost: false, tooManyItemsCharged: false, tooManyItemsOverdue: false, tooManyRenewals: false, tooManyClaimsOfItemsReturned: false, tooManyItemsLost: false, excessiveOutstandingFines: false, excessiveOutstandingFees: false, recallOverdue: false, tooManyItemsBilled: false },
							language: '005',
							transactionDate: DATE,
							holdItemsCount: 0,
							overdueItemsCount: 0,
							chargedItemsCount: 0,
							fineItemsCount: 0,
							recallItemsCount: 0,
							unavailableHoldsCount: 0,
							institutionId: 'DEMO',
							patronId: message.patronId,
							personalName: 'Anna de Vries'
						},
						message.sequence
					)
				: standardReply(message)
		);
		await client.waitUntilOnline(2_000);
		await client.request({ command: '63', language: '005', transactionDate: DATE, summary: null, institutionId: 'DEMO', patronId: '20001000000012', patronPassword: '9876' });
		const log = logLines.join('\n');
		expect(log).toContain('sip2 sent');
		expect(log).not.toMatch(/COkiosk|9876|Anna de Vries|20001000000012/);
	});

	it('speaks TLS when configured', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sip2-tls-'));
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
		const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
		const acs = await new ScriptedAcs(standardReply, { key: readFileSync(join(dir, 'key.pem')), cert }).listen();
		const client = new Sip2Client({ transport: tcpTransport({ host: '127.0.0.1', port: acs.port, tls: { ca: cert } }), login: { user: 'kiosk', password: 'kiosk' } });
		cleanup.push(() => acs.close(), () => client.close());
		client.start();
		await client.waitUntilOnline(3_000);
		expect((await client.request(itemRequest('tls'))).itemId).toBe('tls');
	});
});
