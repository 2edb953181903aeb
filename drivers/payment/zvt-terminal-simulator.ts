import net from 'node:net';
import type { ByteLink } from '../transport/byte-link';
import { tcpLinkFromSocket } from '../transport/tcp-link';
import {
	ConfigFlag,
	POSITIVE_ACKNOWLEDGEMENT,
	RESULT_CODE_CANCELLED,
	RESULT_CODE_FUNCTION_NOT_POSSIBLE,
	RESULT_CODE_NOT_REGISTERED,
	ZvtCommand,
	decodeAuthorisation,
	decodePasswordField,
	decodeRegistration,
	encodeCompletion,
	encodeIntermediateStatus,
	encodePrintLine,
	encodePrintTextBlock,
	encodeStatusEnquiryCompletion,
	encodeStatusInformation,
	encodeTerminalAbort,
	isPositiveAcknowledgement,
	negativeAcknowledgement,
	type ZvtApdu
} from './zvt-apdu';
import { ApduInbox, ZvtApduChannel, type ZvtFraming } from './zvt-apdu-channel';

/**
 * A ZVT payment terminal (PT) in software, speaking the same bytes as a real one over any
 * ByteLink: in-process through MemoryLinkOpener, on a TCP port, or on the device end of a pty pair.
 * Each authorisation follows a scripted behaviour, so tests and `npm start` without hardware can
 * reach every outcome the kiosk must handle.
 */
export type ZvtSimulatedPayment =
	/** "insert card", "enter PIN", "please wait", receipt lines, result 00 with masked PAN, completion. */
	| { kind: 'approve' }
	/** Same dialogue, then result `04 0F 27 <code>` and `06 1E <code>` (default 05, a host decline). */
	| { kind: 'decline'; resultCode?: number }
	/** The member presses the abort key after "insert card": `06 1E 6C`. */
	| { kind: 'abort-at-terminal' }
	/** "insert card", then waits until the ECR sends `06 B0` (answered `80 00 00`, then `06 1E 6C`). */
	| { kind: 'wait-for-card' }
	/**
	 * "insert card", then waits until `presentCard()` (a member's card arriving when a test or the
	 * demo says so), then the approved dialogue; an `06 B0` before that aborts as `wait-for-card`.
	 */
	| { kind: 'approve-when-card-presented' }
	/** Acknowledges the authorisation, then says nothing more (T4 expires at the ECR). */
	| { kind: 'silence' }
	/** Does not even acknowledge the authorisation (T3 expires at the ECR). */
	| { kind: 'no-acknowledgement' }
	/** Hangs up after "insert card", mid-authorisation. */
	| { kind: 'hang-up' }
	/** Refuses the command with `84 <code> 00` (default 83, function not possible). */
	| { kind: 'refuse'; code?: number };

export interface ZvtTerminalSimulatorOptions {
	/** Framing for `attach` (default `tcp`); `listenTcp` always speaks TCP. */
	framing?: ZvtFraming;
	password?: string;
	terminalId?: string;
	/** Registration status byte; default 10 (vending-machine mode, as the FEIG capture in the sheet). */
	statusByte?: number;
	/** Receipt lines one by one (`06 D1`, default) or as one text block (`06 D3`). */
	receiptFormat?: 'lines' | 'block';
	maskedPan?: string;
	cardName?: string;
	zvtCardType?: number;
	vuNumber?: string;
	softwareVersion?: string;
	/** Serial timers of the simulated PT. */
	interByteMs?: number;
	frameAcknowledgementMs?: number;
	now?: () => Date;
}

export interface ZvtSimulatorLogEntry {
	direction: 'ecr-to-pt' | 'pt-to-ecr';
	apdu: ZvtApdu;
}

type SimulatorSettings = Required<Omit<ZvtTerminalSimulatorOptions, 'now'>> & { now: () => Date };

/** What a connection needs from the terminal it belongs to: its settings, its log, its books. */
interface SessionHost {
	readonly settings: SimulatorSettings;
	readonly log: ZvtSimulatorLogEntry[];
	registeredConfig: number | null;
	nextPayment(): ZvtSimulatedPayment;
	nextTraceNumber(): string;
	bookPayment(amountCents: number): { traceNumber: string; receiptNumber: string };
	/** Totals since the last end-of-day, which resets them. */
	settle(): number;
	/** Resolves at the next `presentCard()`. */
	cardPresented(): Promise<void>;
}

export class ZvtTerminalSimulator {
	/** Every APDU either way, in order, for tests that check the acknowledgement rules. */
	readonly log: ZvtSimulatorLogEntry[] = [];
	/** Behaviour for authorisations when the queue is empty. */
	defaultPayment: ZvtSimulatedPayment = { kind: 'approve' };
	readonly #settings: SimulatorSettings;
	readonly #host: SessionHost;
	#script: ZvtSimulatedPayment[] = [];
	#cardWaiters: Array<() => void> = [];
	#sessions = new Set<SimulatorSession>();
	#servers = new Set<net.Server>();
	// Start where the FEIG capture in the sheet stands, so simulated receipts look familiar.
	#traceNumber = 975;
	#receiptNumber = 231;
	#turnoverCents = 0;

	constructor(options: ZvtTerminalSimulatorOptions = {}) {
		this.#settings = {
			framing: options.framing ?? 'tcp',
			password: options.password ?? '123456',
			terminalId: options.terminalId ?? '52523535',
			statusByte: options.statusByte ?? 0x10,
			receiptFormat: options.receiptFormat ?? 'lines',
			maskedPan: options.maskedPan ?? '559883******8074',
			cardName: options.cardName ?? 'MasterCard',
			zvtCardType: options.zvtCardType ?? 0x06,
			vuNumber: options.vuNumber ?? '804011926',
			softwareVersion: options.softwareVersion ?? 'kiosk-zvt-simulator 1',
			interByteMs: options.interByteMs ?? 200,
			frameAcknowledgementMs: options.frameAcknowledgementMs ?? 5_000,
			now: options.now ?? (() => new Date())
		};
		const trace = () => String(this.#traceNumber++).padStart(6, '0');
		this.#host = {
			settings: this.#settings,
			log: this.log,
			// A real PT keeps its registration across connections; so does this one.
			registeredConfig: null,
			nextPayment: () => this.#script.shift() ?? this.defaultPayment,
			nextTraceNumber: trace,
			bookPayment: (amountCents) => {
				this.#turnoverCents += amountCents;
				return { traceNumber: trace(), receiptNumber: String(this.#receiptNumber++).padStart(4, '0') };
			},
			cardPresented: () => new Promise<void>((resolve) => this.#cardWaiters.push(resolve)),
			settle: () => {
				const total = this.#turnoverCents;
				this.#turnoverCents = 0;
				return total;
			}
		};
	}

	/** The config byte of the last registration, or null before one. */
	get registeredConfig(): number | null {
		return this.#host.registeredConfig;
	}

	/** A card arrives at a terminal waiting for one (`approve-when-card-presented`). False when none waits. */
	presentCard(): boolean {
		const waiters = this.#cardWaiters.splice(0);
		for (const resolve of waiters) resolve();
		return waiters.length > 0;
	}

	/** Behaviours for the next authorisations, in order; afterwards `defaultPayment` applies. */
	enqueue(...payments: ZvtSimulatedPayment[]): void {
		this.#script.push(...payments);
	}

	/** Serves one ECR on the device side of a link (MemoryLinkOpener's attach, a pty's device end). */
	attach(link: ByteLink, framing: ZvtFraming = this.#settings.framing): void {
		const session = new SimulatorSession(this.#host, link, framing);
		this.#sessions.add(session);
		session.closed.then(() => this.#sessions.delete(session));
	}

	/** A TCP server on 127.0.0.1; `port` 0 picks a free one. Resolves with the port. */
	listenTcp(port = 0): Promise<number> {
		const server = net.createServer((socket) => this.attach(tcpLinkFromSocket(socket), 'tcp'));
		this.#servers.add(server);
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				server.off('error', reject);
				resolve((server.address() as net.AddressInfo).port);
			});
		});
	}

	/** Hangs up on every ECR and stops listening. */
	async close(): Promise<void> {
		const servers = [...this.#servers];
		this.#servers.clear();
		await Promise.all([...this.#sessions].map((session) => session.hangUp()));
		await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
	}
}

/** What the PT does with one connection: answer commands one at a time, as master during a transaction. */
class SimulatorSession {
	readonly closed: Promise<void>;
	readonly #channel: ZvtApduChannel;
	readonly #inbox = new ApduInbox();
	#phase: 'idle' | 'abortable' | 'online' = 'idle';
	#abortRequested = false;
	#abortArrived: () => void = () => undefined;

	constructor(
		private readonly host: SessionHost,
		link: ByteLink,
		framing: ZvtFraming
	) {
		const { interByteMs, frameAcknowledgementMs } = host.settings;
		this.#channel = new ZvtApduChannel(link, framing, { interByteMs, frameAcknowledgementMs });
		this.closed = new Promise((resolve) => this.#channel.once('close', () => resolve()));
		this.#channel.once('close', (error) => this.#inbox.close(error));
		this.#channel.on('apdu', (message) => this.#receive(message));
		void this.#serve();
	}

	hangUp(): Promise<void> {
		return this.#channel.close();
	}

	#receive(message: ZvtApdu): void {
		this.host.log.push({ direction: 'ecr-to-pt', apdu: message });
		// The ECR may send 06 B0 while we are master; it is answered at once, outside the dialogue.
		if (message.command === ZvtCommand.abort && this.#phase !== 'idle') {
			if (this.#phase === 'abortable') {
				this.#abortRequested = true;
				void this.#send(POSITIVE_ACKNOWLEDGEMENT);
				this.#abortArrived();
			} else void this.#send(negativeAcknowledgement(RESULT_CODE_FUNCTION_NOT_POSSIBLE));
			return;
		}
		this.#inbox.push(message);
	}

	async #send(message: ZvtApdu): Promise<boolean> {
		this.host.log.push({ direction: 'pt-to-ecr', apdu: message });
		try {
			await this.#channel.send(message);
			return true;
		} catch {
			return false;
		}
	}

	/** Sends one message as master and waits for the ECR's `80 00 00`. False when the ECR went away or answered otherwise. */
	async #sendAndAwaitAcknowledgement(message: ZvtApdu): Promise<boolean> {
		if (!(await this.#send(message))) return false;
		const answer = await this.#inbox.next(Number.POSITIVE_INFINITY);
		return answer.kind === 'apdu' && isPositiveAcknowledgement(answer.apdu);
	}

	async #serve(): Promise<void> {
		for (;;) {
			const item = await this.#inbox.next(Number.POSITIVE_INFINITY);
			if (item.kind !== 'apdu') return;
			const message = item.apdu;
			if (isPositiveAcknowledgement(message) || message.command >> 8 === 0x84) continue;
			switch (message.command) {
				case ZvtCommand.registration:
					await this.#register(message);
					break;
				case ZvtCommand.authorisation:
					await this.#authorise(message);
					break;
				case ZvtCommand.statusEnquiry:
					if (await this.#acceptPasswordCommand(message)) {
						await this.#sendAndAwaitAcknowledgement(encodeStatusEnquiryCompletion(this.host.settings.softwareVersion, 0x00));
					}
					break;
				case ZvtCommand.endOfDay:
					await this.#endOfDay(message);
					break;
				default:
					await this.#send(negativeAcknowledgement(RESULT_CODE_FUNCTION_NOT_POSSIBLE));
			}
		}
	}

	async #acceptPasswordCommand(message: ZvtApdu): Promise<boolean> {
		let password: string | null = null;
		try {
			password = decodePasswordField(message.data);
		} catch {
			password = null;
		}
		if (password !== this.host.settings.password) {
			await this.#send(negativeAcknowledgement(RESULT_CODE_FUNCTION_NOT_POSSIBLE));
			return false;
		}
		return this.#send(POSITIVE_ACKNOWLEDGEMENT);
	}

	async #register(message: ZvtApdu): Promise<void> {
		let configByte: number;
		try {
			const registration = decodeRegistration(message.data);
			if (registration.password !== this.host.settings.password) throw new Error('wrong password');
			configByte = registration.configByte;
		} catch {
			await this.#send(negativeAcknowledgement(RESULT_CODE_FUNCTION_NOT_POSSIBLE));
			return;
		}
		this.host.registeredConfig = configByte;
		if (!(await this.#send(POSITIVE_ACKNOWLEDGEMENT))) return;
		const { statusByte, terminalId } = this.host.settings;
		await this.#sendAndAwaitAcknowledgement(encodeCompletion({ statusByte, terminalId, currency: 'EUR' }));
	}

	async #authorise(message: ZvtApdu): Promise<void> {
		const behaviour = this.host.nextPayment();
		const config = this.host.registeredConfig;
		if (behaviour.kind === 'no-acknowledgement') return;
		if (behaviour.kind === 'refuse') return void (await this.#send(negativeAcknowledgement(behaviour.code ?? RESULT_CODE_FUNCTION_NOT_POSSIBLE)));
		if (config === null) return void (await this.#send(negativeAcknowledgement(RESULT_CODE_NOT_REGISTERED)));
		let amountCents: number;
		try {
			amountCents = decodeAuthorisation(message.data).amountCents ?? 0;
		} catch {
			return void (await this.#send(negativeAcknowledgement(RESULT_CODE_FUNCTION_NOT_POSSIBLE)));
		}
		if (!(await this.#send(POSITIVE_ACKNOWLEDGEMENT))) return;
		if (behaviour.kind === 'silence') return;
		try {
			await this.#runPayment(behaviour, amountCents, config);
		} finally {
			this.#phase = 'idle';
			this.#abortRequested = false;
		}
	}

	async #runPayment(behaviour: ZvtSimulatedPayment, amountCents: number, config: number): Promise<void> {
		const sendsStatus = (config & ConfigFlag.intermediateStatus) !== 0;
		const status = (code: number, text: string) => (sendsStatus ? this.#sendAndAwaitAcknowledgement(encodeIntermediateStatus({ code, timeoutSeconds: 60, displayLines: [text] })) : Promise.resolve(true));
		const abortByEcr = new Promise<void>((resolve) => (this.#abortArrived = resolve));
		const endWith = (resultCode: number) => this.#sendAndAwaitAcknowledgement(encodeTerminalAbort({ resultCode }));

		this.#phase = 'abortable';
		if (!(await status(0x0a, 'Karte einstecken'))) return;
		if (behaviour.kind === 'hang-up') return void (await this.hangUp());
		if (behaviour.kind === 'abort-at-terminal') return void (await endWith(RESULT_CODE_CANCELLED));
		if (behaviour.kind === 'wait-for-card') await abortByEcr;
		if (behaviour.kind === 'approve-when-card-presented') await Promise.race([abortByEcr, this.host.cardPresented()]);
		if (this.#abortRequested) return void (await endWith(RESULT_CODE_CANCELLED));
		if (!(await status(0x01, 'PIN eingeben'))) return;
		if (this.#abortRequested) return void (await endWith(RESULT_CODE_CANCELLED));
		// From here the PT talks to the host: the sheet allows it to ignore an abort.
		this.#phase = 'online';
		if (!(await status(0x17, 'Bitte warten'))) return;

		const options = this.host.settings;
		const now = options.now();
		const time = [now.getHours(), now.getMinutes(), now.getSeconds()].map((part) => String(part).padStart(2, '0')).join('');
		const date = [now.getMonth() + 1, now.getDate()].map((part) => String(part).padStart(2, '0')).join('');
		if (behaviour.kind === 'decline') {
			const resultCode = behaviour.resultCode ?? 0x05;
			const info = encodeStatusInformation({ resultCode, amountCents, currency: 'EUR', time, date, traceNumber: this.host.nextTraceNumber(), terminalId: options.terminalId, additionalText: 'Abgelehnt' });
			if (!(await this.#sendAndAwaitAcknowledgement(info))) return;
			await endWith(resultCode);
			return;
		}

		const { traceNumber, receiptNumber } = this.host.bookPayment(amountCents);
		if (config & ConfigFlag.ptSendsReceiptLines) {
			const euros = `${Math.floor(amountCents / 100)},${String(amountCents % 100).padStart(2, '0')}`;
			const lines = [
				'Stadtbibliothek Kundenbeleg',
				'Kartenzahlung',
				`Betrag EUR ${euros}`,
				`${options.cardName} ${options.maskedPan}`,
				`Beleg-Nr. ${receiptNumber} Trace ${traceNumber}`,
				'Zahlung erfolgt - Gebühr bezahlt'
			];
			if (options.receiptFormat === 'block') {
				if (!(await this.#sendAndAwaitAcknowledgement(encodePrintTextBlock({ receiptType: 2, lines })))) return;
			} else {
				for (const [index, text] of lines.entries()) {
					// FF marks the last line of a receipt.
					if (!(await this.#sendAndAwaitAcknowledgement(encodePrintLine({ attribute: index === lines.length - 1 ? 0xff : 0x00, text })))) return;
				}
			}
		}
		const info = encodeStatusInformation({
			resultCode: 0x00,
			amountCents,
			currency: 'EUR',
			time,
			date,
			maskedPan: options.maskedPan,
			receiptNumber,
			authorisationAttribute: '750071',
			traceNumber,
			paymentType: 0x60,
			terminalId: options.terminalId,
			expiry: '2405',
			zvtCardType: options.zvtCardType,
			cardTypeId: 0x01,
			cardName: options.cardName,
			vuNumber: options.vuNumber
		});
		if (!(await this.#sendAndAwaitAcknowledgement(info))) return;
		await this.#sendAndAwaitAcknowledgement(encodeCompletion());
	}

	async #endOfDay(message: ZvtApdu): Promise<void> {
		if (!(await this.#acceptPasswordCommand(message))) return;
		const total = this.host.settle();
		const info = encodeStatusInformation({ resultCode: 0x00, amountCents: total, currency: 'EUR', traceNumber: this.host.nextTraceNumber(), terminalId: this.host.settings.terminalId });
		if (!(await this.#sendAndAwaitAcknowledgement(info))) return;
		await this.#sendAndAwaitAcknowledgement(encodeCompletion());
	}
}
