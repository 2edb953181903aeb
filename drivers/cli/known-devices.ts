/**
 * What a USB device probably is, from its vendor (and for HID, its usage page). Guesses for the
 * technician, never used to decide anything: the probe command says what a device really is.
 */
export interface DeviceGuess {
	kind: 'rfid-reader' | 'barcode-scanner' | 'receipt-printer' | 'payment-terminal' | 'serial-adapter' | 'unknown';
	note: string;
}

/** USB vendor ids seen on library kiosks. */
const VENDORS: Record<number, DeviceGuess> = {
	0x0ab1: { kind: 'rfid-reader', note: 'FEIG ELECTRONIC: try --protocol feig' },
	0x0c2e: { kind: 'barcode-scanner', note: 'Honeywell / Metrologic scanner' },
	0x05e0: { kind: 'barcode-scanner', note: 'Zebra / Symbol scanner' },
	0x05f9: { kind: 'barcode-scanner', note: 'Datalogic scanner' },
	0x1eab: { kind: 'barcode-scanner', note: 'Newland scanner' },
	0x04b8: { kind: 'receipt-printer', note: 'Epson printer (ESC/POS)' },
	0x0519: { kind: 'receipt-printer', note: 'Star Micronics printer' },
	0x0403: { kind: 'serial-adapter', note: 'FTDI USB-serial: often an RFID reader (FEIG, 3M/Bibliotheca) or a payment terminal; probe it' },
	0x067b: { kind: 'serial-adapter', note: 'Prolific USB-serial adapter: probe it' },
	0x10c4: { kind: 'serial-adapter', note: 'Silicon Labs USB-serial adapter: probe it' }
};

/** HID POS barcode scanners announce usage page 0x8C. */
export const HID_POS_USAGE_PAGE = 0x8c;

export function guessDevice(vendorId: number | undefined, usagePage?: number): DeviceGuess {
	if (usagePage === HID_POS_USAGE_PAGE) return { kind: 'barcode-scanner', note: 'HID POS barcode scanner (usage page 0x8C)' };
	if (vendorId !== undefined && VENDORS[vendorId]) return VENDORS[vendorId];
	return { kind: 'unknown', note: '' };
}

/** serialport lists vendor ids as hex strings without 0x. */
export function parseHexId(value: string | undefined): number | undefined {
	if (!value) return undefined;
	const id = Number.parseInt(value, 16);
	return Number.isNaN(id) ? undefined : id;
}
