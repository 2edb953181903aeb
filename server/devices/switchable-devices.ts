import { EventEmitter } from 'node:events';
import type { PadSnapshot } from '../../kiosk/lib/api/contract';
import type { DevicesConfig, RfidConfig } from '../config';
import type { Logger } from '../logging/logger';
import { DeviceHub, type DeviceHubOptions } from './device-hub';
import type { CardTerminal } from '../payments/card-terminal';
import type { ItemSecurity } from './library-pad';
import { PadSimulatorControl } from './pad-simulator-control';
import { setUpRfid, type RfidSetup } from './rfid-setup';

/**
 * The kiosk's devices, which the technician can swap for others while the server runs: the RFID
 * pad (with its simulator) and the device hub. Whoever must survive a swap holds this object, not
 * the devices: the circulation service its `security`, the SSE route its `pad-change` and `scan`
 * events, the routes `rfid`, `padSimulator` and `hub` (read afresh per request).
 */
export interface SwitchableDevicesEvents {
	/** The current pad's contents changed, or the pad itself was swapped. */
	'pad-change': [snapshot: PadSnapshot];
	/** A code from the current hub's serial or HID scanner. */
	scan: [scan: { code: string; device: string }];
}

const NO_PAD: PadSnapshot = { status: 'none', tags: [] };

export class SwitchableDevices extends EventEmitter<SwitchableDevicesEvents> {
	rfid: RfidSetup | null = null;
	padSimulator: PadSimulatorControl | null = null;
	hub: DeviceHub;
	rfidConfig: RfidConfig;
	devicesConfig: DevicesConfig;
	/** The circulation service's pad: always the current one, none (null answers) while there is none. */
	readonly security: ItemSecurity = {
		partsOnPad: (itemId) => this.rfid?.pad.partsOnPad(itemId) ?? null,
		setOnLoan: async (itemId) => (this.rfid ? this.rfid.pad.setOnLoan(itemId) : null),
		setInLibrary: async (itemId) => (this.rfid ? this.rfid.pad.setInLibrary(itemId) : null)
	};
	/** The payments' terminal: always the current hub's, so a payment survives nothing but asks the right device. */
	readonly cardTerminal: CardTerminal = {
		pay: (amountCents, currency, onStatus) => this.hub.payByCard(amountCents, currency, onStatus),
		abort: () => this.hub.abortPayment()
	};
	readonly #log: Logger;
	readonly #hubOptions: DeviceHubOptions;
	#swapping: Promise<void> = Promise.resolve();
	readonly #forwardPad = (snapshot: PadSnapshot) => this.emit('pad-change', snapshot);
	readonly #forwardScan = (scan: { code: string; device: string }) => this.emit('scan', scan);

	constructor(rfidConfig: RfidConfig, devicesConfig: DevicesConfig, log: Logger, hubOptions: DeviceHubOptions = {}) {
		super();
		this.#log = log;
		this.#hubOptions = { log, ...hubOptions };
		this.rfidConfig = rfidConfig;
		this.devicesConfig = devicesConfig;
		this.#buildPad(rfidConfig);
		this.hub = this.#buildHub(devicesConfig);
	}

	padSnapshot(): PadSnapshot {
		return this.rfid ? this.rfid.pad.snapshot() : NO_PAD;
	}

	/**
	 * Stops the current devices (so their ports are free) and starts ones built from the new
	 * configuration. Only what changed is swapped: a new AFI leaves the printer and terminal alone.
	 */
	apply(rfidConfig: RfidConfig, devicesConfig: DevicesConfig): Promise<void> {
		const swap = this.#swapping.then(async () => {
			if (!same(rfidConfig, this.rfidConfig)) {
				await this.#stopPad();
				this.rfidConfig = rfidConfig;
				this.#buildPad(rfidConfig);
			}
			if (!same(devicesConfig, this.devicesConfig)) {
				await this.#stopHub();
				this.devicesConfig = devicesConfig;
				this.hub = this.#buildHub(devicesConfig);
			}
			this.#log.info('device settings applied', { rfid: rfidConfig.reader.kind, printer: devicesConfig.printer.kind, payment: devicesConfig.payment.kind, scanner: devicesConfig.scanner.kind });
			this.emit('pad-change', this.padSnapshot());
		});
		this.#swapping = swap.catch(() => undefined);
		return swap;
	}

	async stop(): Promise<void> {
		await this.#swapping;
		await Promise.all([this.#stopPad(), this.#stopHub()]);
	}

	#buildPad(rfidConfig: RfidConfig): void {
		this.rfid = setUpRfid(rfidConfig, this.#log);
		this.padSimulator = this.rfid?.simulator ? new PadSimulatorControl(this.rfid.simulator, rfidConfig) : null;
		this.rfid?.pad.on('change', this.#forwardPad);
		this.rfid?.pad.start();
	}

	#buildHub(devicesConfig: DevicesConfig): DeviceHub {
		const hub = new DeviceHub(devicesConfig, this.#hubOptions);
		hub.on('scan', this.#forwardScan);
		void hub.start();
		return hub;
	}

	async #stopPad(): Promise<void> {
		const pad = this.rfid?.pad;
		pad?.off('change', this.#forwardPad);
		await pad?.stop().catch((error: unknown) => this.#log.warn('rfid pad did not stop cleanly', { problem: String(error) }));
	}

	async #stopHub(): Promise<void> {
		this.hub.off('scan', this.#forwardScan);
		await this.hub.stop();
	}
}

/** Configurations are plain data: equal JSON, equal devices. */
function same(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
