import type { DeviceSettings } from '../../kiosk/lib/api/contract';
import { ConfigError, payment, printer, rfid, scanner, type DevicesConfig, type PaymentConfig, type PrinterConfig, type RfidConfig, type ScannerConfig } from '../config';

/**
 * The devices section of the kiosk settings (`server/settings`): the RFID reader and its tag
 * settings, scanner, printer and payment terminal, as the technician page edits them. They
 * override the RFID_*, SCANNER, PRINTER and PAYMENT variables, and are checked with the same
 * parsers as the environment (`config.ts`), so a value means the same in both places.
 */
export type DeviceSettingsField = keyof DeviceSettings;

export const DEVICE_SETTINGS_FIELDS = [
	'rfidReader',
	'rfidPort',
	'rfidBaudRate',
	'rfidDataModel',
	'rfidAfiInLibrary',
	'rfidAfiOnLoan',
	'rfidSecurity',
	'scanner',
	'printer',
	'payment'
] as const satisfies readonly DeviceSettingsField[];

export const RFID_READERS = ['none', 'simulator', 'simulator:3m', 'feig', '3m'] as const;

export class DeviceSettingsError extends Error {
	constructor(
		/** The settings field at fault; `file` when the file as a whole is unreadable. */
		readonly field: DeviceSettingsField | 'file',
		readonly problem: string
	) {
		super(`${field}: ${problem}`);
		this.name = 'DeviceSettingsError';
	}
}

/** Settings checked and turned into the configuration the devices are built from. */
export interface ParsedDeviceSettings {
	settings: DeviceSettings;
	rfid: RfidConfig;
	scanner: ScannerConfig;
	printer: PrinterConfig;
	payment: PaymentConfig;
}

/** Checks settings (from the page or the file); throws DeviceSettingsError naming the field. */
export function parseDeviceSettings(input: unknown): ParsedDeviceSettings {
	if (!input || typeof input !== 'object' || Array.isArray(input)) throw new DeviceSettingsError('file', 'must be an object with the device settings');
	const record = input as Record<string, unknown>;
	const settings = {} as DeviceSettings;
	for (const field of DEVICE_SETTINGS_FIELDS) {
		const value = record[field];
		if (typeof value !== 'string' || value.length > 200) throw new DeviceSettingsError(field, 'must be text (at most 200 characters)');
		settings[field] = value.trim();
	}
	const reader = settings.rfidReader;
	if (!(RFID_READERS as readonly string[]).includes(reader)) throw new DeviceSettingsError('rfidReader', `must be one of ${RFID_READERS.join(', ')}`);
	const realReader = reader === 'feig' || reader === '3m';
	if (!realReader && settings.rfidPort) throw new DeviceSettingsError('rfidPort', 'only a FEIG or 3M reader has a port');
	if (realReader && !settings.rfidPort) throw new DeviceSettingsError('rfidPort', 'needs a serial port such as /dev/ttyUSB0 or tcp:HOST:PORT');
	if (settings.rfidBaudRate && (!realReader || settings.rfidPort.startsWith('tcp:'))) throw new DeviceSettingsError('rfidBaudRate', 'only a reader on a serial port has a baud rate');
	if (settings.rfidBaudRate && !/^\d+$/.test(settings.rfidBaudRate)) throw new DeviceSettingsError('rfidBaudRate', 'must be a whole number such as 38400');
	const readerValue = realReader ? `${reader}:${settings.rfidPort}${settings.rfidBaudRate ? `@${settings.rfidBaudRate}` : ''}` : reader;

	try {
		return {
			settings,
			rfid: rfid({
				RFID_READER: readerValue,
				RFID_DATA_MODEL: settings.rfidDataModel,
				RFID_AFI_IN_LIBRARY: settings.rfidAfiInLibrary || '-',
				RFID_AFI_ON_LOAN: settings.rfidAfiOnLoan || '-',
				RFID_SECURITY: settings.rfidSecurity
			}),
			scanner: scanner(settings.scanner),
			printer: printer(settings.printer),
			payment: payment(settings.payment)
		};
	} catch (error) {
		if (error instanceof ConfigError) throw new DeviceSettingsError(fieldOf(error), error.problem);
		throw error;
	}
}

const FIELD_OF_VARIABLE: Record<string, DeviceSettingsField> = {
	RFID_DATA_MODEL: 'rfidDataModel',
	RFID_AFI_IN_LIBRARY: 'rfidAfiInLibrary',
	RFID_AFI_ON_LOAN: 'rfidAfiOnLoan',
	RFID_SECURITY: 'rfidSecurity',
	SCANNER: 'scanner',
	PRINTER: 'printer',
	PAYMENT: 'payment'
};

function fieldOf(error: ConfigError): DeviceSettingsField {
	if (error.variable === 'RFID_READER') return error.problem.startsWith('baud rate') ? 'rfidBaudRate' : 'rfidPort';
	return FIELD_OF_VARIABLE[error.variable] ?? 'rfidReader';
}

/** The settings form of a running configuration (what GET /api/technician/config answers). */
export function settingsOf(rfidConfig: RfidConfig, devices: Pick<DevicesConfig, 'scanner' | 'printer' | 'payment'>): DeviceSettings {
	const reader = rfidConfig.reader;
	const hex = (byte: number) => byte.toString(16).toUpperCase().padStart(2, '0');
	return {
		rfidReader: reader.kind === 'none' ? 'none' : reader.kind === 'simulator' ? (reader.protocol === '3m' ? 'simulator:3m' : 'simulator') : reader.protocol,
		rfidPort: reader.kind === 'serial' ? reader.path : reader.kind === 'tcp' ? `tcp:${reader.host}:${reader.port}` : '',
		rfidBaudRate: reader.kind === 'serial' && reader.baudRate !== null ? String(reader.baudRate) : '',
		rfidDataModel: rfidConfig.dataModel,
		rfidAfiInLibrary: hex(rfidConfig.afiInLibrary),
		rfidAfiOnLoan: hex(rfidConfig.afiOnLoan),
		rfidSecurity: rfidConfig.securityMode,
		scanner: scannerText(devices.scanner),
		printer: printerText(devices.printer),
		payment: paymentText(devices.payment)
	};
}

function scannerText(config: ScannerConfig): string {
	switch (config.kind) {
		case 'none':
		case 'wedge':
			return config.kind;
		case 'serial':
			return `serial:${config.path}@${config.baudRate}`;
		case 'hid':
			return `hid:${config.vendorId.toString(16).padStart(4, '0')}:${config.productId.toString(16).padStart(4, '0')}`;
	}
}

function printerText(config: PrinterConfig): string {
	if (config.kind === 'tcp') return `tcp:${config.host}:${config.port}`;
	if (config.kind === 'serial') return `serial:${config.path}@${config.baudRate}`;
	return config.kind;
}

function paymentText(config: PaymentConfig): string {
	if (config.kind === 'zvt-tcp') return `zvt:tcp:${config.host}:${config.port}`;
	if (config.kind === 'zvt-serial') return `zvt:serial:${config.path}`;
	return config.kind;
}
