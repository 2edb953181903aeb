import { EventEmitter } from 'node:events';
import type { DeviceInfo, DeviceState, PaymentTestResult, PrintTestResult } from '../../kiosk/lib/api/contract';
import { BarcodeScannerDriver, nodeHidBinding, type HidBinding } from '../../drivers/barcode';
import { ConfigFlag, ZvtTerminal, ZvtTerminalSimulator, type ZvtCurrency, type ZvtPaymentResult, type ZvtStatusEvent } from '../../drivers/payment';
import { ReceiptPrinter, ReceiptPrinterSimulator, type ReceiptDocument } from '../../drivers/printer';
import type { ByteLinkOpener } from '../../drivers/transport/byte-link';
import { MemoryLinkOpener } from '../../drivers/transport/memory-link';
import { serialLinkOpener } from '../../drivers/transport/serial-link';
import { tcpLinkOpener } from '../../drivers/transport/tcp-link';
import type { DevicesConfig } from '../config';
import { silentLogger, type Logger } from '../logging/logger';

/**
 * The kiosk's devices other than the RFID pad (that one is `rfid-setup`): barcode scanner,
 * receipt printer and payment terminal, from configuration. Each starts on its own and keeps
 * retrying on its own: a missing or broken device shows as such on the technician page and
 * nothing else stops. Simulators run in-process for the demo and the tests.
 */
export interface DeviceHubEvents {
	/** A code from a scanner the server reads (serial or HID); the kiosk screens get it over SSE. */
	scan: [scan: { code: string; device: string }];
	/** A device's state or reason changed. */
	change: [device: DeviceInfo];
	/** A status text from the payment terminal during a payment. */
	'payment-status': [text: string];
}

export interface DeviceHubOptions {
	log?: Logger;
	/** Tests hand in memory links instead of serial ports and sockets. */
	openers?: {
		serial?(path: string, baudRate: number, settings: SerialSettings): ByteLinkOpener;
		tcp?(host: string, port: number): ByteLinkOpener;
	};
	/** Default node-hid, loaded only when a HID scanner is configured. */
	hidBinding?: () => Promise<HidBinding>;
	/** For tests: how long a test payment may take before it counts as timed out at the ECR. */
	paymentTimeouts?: { acknowledgementMs?: number; authorisationMs?: number };
}

interface SerialSettings {
	dataBits?: 8;
	parity?: 'none';
	stopBits?: 1 | 2;
}

/** `paper-out` and `unavailable`: nothing was printed. */
export type ReceiptPrintOutcome = 'printed' | 'paper-out' | 'unavailable';

/** The kiosk's own registration, as `npm run devices -- pay`: status texts come to us, the terminal prints nothing. */
const ZVT_CONFIG_BYTE =
	ConfigFlag.ecrPrintsPaymentReceipts |
	ConfigFlag.ecrPrintsAdministrationReceipts |
	ConfigFlag.intermediateStatus |
	ConfigFlag.ecrControlsPayment |
	ConfigFlag.ecrControlsAdministration |
	ConfigFlag.ptSendsReceiptLines;

/** What ZVT terminals are set to out of the box on RS-232. */
const ZVT_SERIAL = { baudRate: 9600, stopBits: 2 } as const;

export class DeviceHub extends EventEmitter<DeviceHubEvents> {
	readonly printerSimulator: ReceiptPrinterSimulator | null = null;
	readonly paymentSimulator: ZvtTerminalSimulator | null = null;
	readonly #config: DevicesConfig;
	readonly #log: Logger;
	readonly #options: DeviceHubOptions;
	#scanner: BarcodeScannerDriver | null = null;
	/** Why the configured scanner could not even be set up (node-hid missing). */
	#scannerProblem: string | null = null;
	readonly #printer: ReceiptPrinter | null = null;
	readonly #payment: ZvtTerminal | null = null;
	#paymentProblem: string | null = null;
	#paymentBusy = false;
	#started = false;

	constructor(config: DevicesConfig, options: DeviceHubOptions = {}) {
		super();
		this.#config = config;
		this.#options = options;
		this.#log = (options.log ?? silentLogger).child({ component: 'devices' });

		const printer = config.printer;
		if (printer.kind !== 'none') {
			let opener: ByteLinkOpener;
			if (printer.kind === 'simulator') {
				const simulator = new ReceiptPrinterSimulator();
				this.printerSimulator = simulator;
				opener = new MemoryLinkOpener('simulated printer', (link) => simulator.attach(link));
			} else if (printer.kind === 'tcp') opener = this.#tcp(printer.host, printer.port);
			else opener = this.#serial(printer.path, printer.baudRate, {});
			this.#printer = new ReceiptPrinter({ opener });
			this.#printer.on('state', (state, reason) => {
				this.#log.info('receipt printer state', { state, reason: reason ?? undefined });
				this.#changed('printer');
			});
		}

		const payment = config.payment;
		if (payment.kind !== 'none') {
			let opener: ByteLinkOpener;
			if (payment.kind === 'simulator') {
				const simulator = new ZvtTerminalSimulator({ password: config.paymentPassword });
				this.paymentSimulator = simulator;
				opener = new MemoryLinkOpener('simulated ZVT terminal', (link) => simulator.attach(link));
			} else if (payment.kind === 'zvt-tcp') opener = this.#tcp(payment.host, payment.port);
			else opener = this.#serial(payment.path, ZVT_SERIAL.baudRate, { stopBits: ZVT_SERIAL.stopBits });
			this.#payment = new ZvtTerminal({ opener, framing: payment.kind === 'zvt-serial' ? 'serial' : 'tcp', timeouts: options.paymentTimeouts });
			this.#payment.on('state', () => this.#changed('payment'));
			this.#payment.on('status', (status) => this.emit('payment-status', status.terminalText?.replace(/\n/g, ' / ') ?? status.text));
		}
	}

	/** Starts every device in the background; never throws. */
	async start(): Promise<void> {
		if (this.#started) return;
		this.#started = true;
		this.#printer?.start();
		void this.#registerPayment();
		await this.#startScanner();
	}

	async stop(): Promise<void> {
		this.#started = false;
		await Promise.allSettled([this.#scanner?.stop(), this.#printer?.stop(), this.#payment?.close(), this.paymentSimulator?.close()]);
	}

	/** Scanner, printer and payment terminal as the technician page lists them. */
	devices(): DeviceInfo[] {
		return [this.#scannerInfo(), this.#printerInfo(), this.#paymentInfo()];
	}

	/**
	 * Prints a slip (the desk's hold-shelf or transit slip): the first line bold, then the rest,
	 * and a cut. False when there is no printer or it failed: the slip is on screen either way.
	 */
	async printSlip(lines: string[]): Promise<boolean> {
		if (!this.#printer || lines.length === 0) return false;
		const [first, ...rest] = lines;
		const document: ReceiptDocument = [
			{ kind: 'text', text: first!, bold: true, align: 'center' },
			{ kind: 'separator' },
			...rest.map((text) => ({ kind: 'text' as const, text })),
			{ kind: 'feed', lines: 3 },
			{ kind: 'cut', mode: 'partial' }
		];
		try {
			await this.#printer.print(document);
			return true;
		} catch (error) {
			this.#log.warn('slip not printed', { problem: messageOf(error) });
			return false;
		}
	}

	/** A receipt printer is configured (it may still be unplugged or out of paper). */
	get hasPrinter(): boolean {
		return this.#printer !== null;
	}

	/**
	 * Prints a member's receipt. The printer is asked first, because a printer out of paper takes
	 * the bytes and prints nothing: `paper-out` and `unavailable` mean nothing was printed and the
	 * member may choose another way. A printer that does not answer status requests is trusted.
	 */
	async printReceipt(document: ReceiptDocument): Promise<ReceiptPrintOutcome> {
		if (!this.#printer) return 'unavailable';
		try {
			const { condition } = await this.#printer.status();
			if (condition === 'paper-out') return 'paper-out';
			if (condition === 'cover-open' || condition === 'offline') return 'unavailable';
			await this.#printer.print(document);
			return 'printed';
		} catch (error) {
			this.#log.warn('receipt not printed', { problem: messageOf(error) });
			return 'unavailable';
		}
	}

	/** Prints a short test receipt and asks the printer how it is afterwards. */
	async printTestReceipt(now = new Date()): Promise<PrintTestResult> {
		if (!this.#printer) return { ok: false, condition: null, receipt: null, problem: 'no receipt printer configured' };
		const before = this.printerSimulator?.receipts.length ?? 0;
		const document: ReceiptDocument = [
			{ kind: 'text', text: 'TEST', bold: true, align: 'center', size: 'double' },
			{ kind: 'separator' },
			{ kind: 'text', text: `Printer test ${now.toISOString().slice(0, 19).replace('T', ' ')}` },
			{ kind: 'text', text: 'ÄÖÜ äöü € é ß' },
			{ kind: 'feed', lines: 3 },
			{ kind: 'cut', mode: 'partial' }
		];
		try {
			await this.#printer.print(document);
		} catch (error) {
			return { ok: false, condition: null, receipt: null, problem: messageOf(error) };
		}
		let condition: string | null = null;
		try {
			// The status reply follows the receipt's bytes, so the simulator has printed it by then.
			condition = (await this.#printer.status()).condition;
		} catch {
			condition = null;
		}
		const receipt = this.printerSimulator && this.printerSimulator.receipts.length > before ? (this.printerSimulator.lastReceiptText() ?? null) : null;
		return { ok: condition === null || condition === 'ok' || condition === 'paper-near-end' || condition === 'no-answer', condition, receipt, problem: null };
	}

	/** A EUR 0.01 payment with every status text the terminal sent. */
	async testPayment(): Promise<PaymentTestResult> {
		const terminal = this.#payment;
		if (!terminal) return { statuses: [], outcome: 'unavailable', detail: 'no payment terminal configured' };
		if (this.#paymentBusy) return { statuses: [], outcome: 'unavailable', detail: 'a payment is already running' };
		this.#paymentBusy = true;
		const statuses: string[] = [];
		const onStatus = (text: string): void => void statuses.push(text);
		this.on('payment-status', onStatus);
		try {
			if (!terminal.registration) await this.#registerPayment();
			if (!terminal.registration) return { statuses, outcome: 'unavailable', detail: this.#paymentProblem ?? 'registration failed' };
			const result = await terminal.authorize(1, { currency: 'EUR' });
			return { statuses, outcome: result.outcome, detail: describePayment(result) };
		} catch (error) {
			return { statuses, outcome: 'error', detail: `outcome unknown: ${messageOf(error)}` };
		} finally {
			this.off('payment-status', onStatus);
			this.#paymentBusy = false;
			this.#changed('payment');
		}
	}

	/** A payment terminal is configured (whether it answers is for the payment to find out). */
	get takesPayments(): boolean {
		return this.#payment !== null;
	}

	/**
	 * A payment of `amountCents` on the terminal, reporting each of its status texts. Resolves with
	 * the terminal's outcome, never throws for a terminal problem: an error running the exchange is
	 * an outcome the kiosk cannot know (`timeout`), so the fee is never recorded as paid on it.
	 */
	async payByCard(amountCents: number, currency: ZvtCurrency, onStatus: (status: ZvtStatusEvent) => void): Promise<ZvtPaymentResult> {
		const terminal = this.#payment;
		if (!terminal) return { outcome: 'unavailable', reason: 'no-connection', code: null, text: 'no payment terminal configured' };
		if (this.#paymentBusy) return { outcome: 'unavailable', reason: 'rejected', code: null, text: 'a payment is already running' };
		this.#paymentBusy = true;
		terminal.on('status', onStatus);
		try {
			if (!terminal.registration) await this.#registerPayment();
			if (!terminal.registration) return { outcome: 'unavailable', reason: 'registration-failed', code: null, text: this.#paymentProblem ?? 'registration failed' };
			return await terminal.authorize(amountCents, { currency });
		} catch (error) {
			this.#log.warn('payment ended without a terminal outcome', { problem: messageOf(error) });
			return { outcome: 'timeout', stage: 'authorisation' };
		} finally {
			terminal.off('status', onStatus);
			this.#paymentBusy = false;
			this.#changed('payment');
		}
	}

	/** Asks the terminal to abort the running payment; true when it accepted (see ZvtTerminal.abort). */
	abortPayment(): Promise<boolean> {
		return this.#payment?.abort() ?? Promise.resolve(false);
	}

	async #registerPayment(): Promise<void> {
		const terminal = this.#payment;
		if (!terminal) return;
		try {
			const registration = await terminal.register(this.#config.paymentPassword, ZVT_CONFIG_BYTE, 'EUR');
			this.#paymentProblem = registration.outOfService ? 'the terminal needs initialisation, diagnosis or an OPT action' : null;
		} catch (error) {
			this.#paymentProblem = `registration failed: ${messageOf(error)}`;
			this.#log.warn('payment terminal not reachable', { problem: this.#paymentProblem });
		}
		this.#changed('payment');
	}

	async #startScanner(): Promise<void> {
		const scanner = this.#config.scanner;
		if (scanner.kind === 'none' || scanner.kind === 'wedge') return;
		let driver: BarcodeScannerDriver;
		if (scanner.kind === 'serial') {
			driver = new BarcodeScannerDriver({ kind: 'serial', opener: this.#serial(scanner.path, scanner.baudRate, {}) });
		} else {
			let binding: HidBinding;
			try {
				binding = await (this.#options.hidBinding ?? nodeHidBinding)();
			} catch (error) {
				this.#scannerProblem = messageOf(error);
				this.#log.warn('HID scanner unavailable', { problem: this.#scannerProblem });
				this.#changed('scanner');
				return;
			}
			driver = new BarcodeScannerDriver({ kind: 'hid', binding, match: { vendorId: scanner.vendorId, productId: scanner.productId } });
		}
		if (!this.#started) return;
		this.#scanner = driver;
		driver.on('state', (state, reason) => {
			this.#log.info('barcode scanner state', { state, reason });
			this.#changed('scanner');
		});
		driver.on('scan', (scan) => this.emit('scan', { code: scan.code, device: scan.device }));
		// Garbage from the scanner is logged, never thrown.
		driver.on('error', (error) => this.#log.warn('barcode scanner sent garbage', { problem: error.message }));
		await driver.start();
	}

	#scannerInfo(): DeviceInfo {
		const config = this.#config.scanner;
		const base = { kind: 'scanner' as const, simulated: false };
		switch (config.kind) {
			case 'none':
				return { ...base, name: 'barcode scanner', port: '-', protocol: '-', state: 'not-configured', reason: null };
			case 'wedge':
				return { ...base, name: 'barcode scanner (keyboard wedge)', port: 'USB keyboard', protocol: 'keyboard wedge', state: 'keyboard', reason: 'scans arrive as keys in the browser' };
			case 'serial':
			case 'hid': {
				const port = config.kind === 'serial' ? `serial:${config.path}@${config.baudRate}` : `hid:${hex4(config.vendorId)}:${hex4(config.productId)}`;
				const protocol = config.kind === 'serial' ? 'serial (CR/LF terminated)' : 'USB HID POS';
				const driver = this.#scanner;
				if (!driver) return { ...base, name: 'barcode scanner', port, protocol, state: 'disconnected', reason: this.#scannerProblem ?? 'not started' };
				return { ...base, name: 'barcode scanner', port, protocol, state: driver.state, reason: driver.reason };
			}
		}
	}

	#printerInfo(): DeviceInfo {
		const printer = this.#printer;
		if (!printer) return { kind: 'printer', name: 'receipt printer', port: '-', protocol: '-', state: 'not-configured', reason: null, simulated: false };
		return { kind: 'printer', name: 'receipt printer', port: printer.description, protocol: 'ESC/POS', state: printer.state, reason: printer.stateReason, simulated: this.printerSimulator !== null };
	}

	#paymentInfo(): DeviceInfo {
		const terminal = this.#payment;
		const base = { kind: 'payment' as const, name: 'payment terminal', protocol: 'ZVT' };
		if (!terminal) return { ...base, port: '-', protocol: '-', state: 'not-configured', reason: null, simulated: false };
		// The ZVT link opens per command; a terminal that registered counts as ready between commands.
		let state: DeviceState;
		if (terminal.state === 'busy' || this.#paymentBusy) state = 'busy';
		else if (terminal.registration && !this.#paymentProblem) state = 'ready';
		else if (this.#paymentProblem) state = 'disconnected';
		else state = 'connecting';
		return { ...base, port: terminal.description, state, reason: this.#paymentProblem, simulated: this.paymentSimulator !== null };
	}

	#changed(kind: 'scanner' | 'printer' | 'payment'): void {
		const device = this.devices().find((info) => info.kind === kind);
		if (device) this.emit('change', device);
	}

	#serial(path: string, baudRate: number, settings: SerialSettings): ByteLinkOpener {
		return this.#options.openers?.serial?.(path, baudRate, settings) ?? serialLinkOpener({ path, baudRate, ...settings });
	}

	#tcp(host: string, port: number): ByteLinkOpener {
		return this.#options.openers?.tcp?.(host, port) ?? tcpLinkOpener({ host, port });
	}
}

function describePayment(result: ZvtPaymentResult): string {
	switch (result.outcome) {
		case 'approved':
			return [result.cardName, result.maskedPan, result.receiptNumber === null ? null : `receipt ${result.receiptNumber}`].filter((part) => part !== null).join(', ');
		case 'declined':
			return result.terminalText ?? result.text;
		case 'aborted':
			return result.by === 'kiosk' ? 'aborted from the kiosk' : 'aborted at the terminal';
		case 'timeout':
			return `no answer in time (${result.stage}): outcome unknown, check the terminal journal`;
		case 'disconnected':
			return 'the link went during the payment: outcome unknown, check the terminal journal';
		case 'unavailable':
			return `${result.reason}: ${result.text}`;
	}
}

function hex4(id: number): string {
	return id.toString(16).padStart(4, '0');
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
