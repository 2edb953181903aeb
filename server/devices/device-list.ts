import type { DeviceInfo, DeviceState } from '../../kiosk/lib/api/contract';
import type { DeviceHub } from './device-hub';
import type { PadSimulatorControl } from './pad-simulator-control';
import type { RfidSetup } from './rfid-setup';

/**
 * Every device of the kiosk with its state, the RFID pad first: what the technician page and the
 * desk dashboard list. States and ports only; what lies on the pad is the technician route's own.
 */
export function deviceList(runtime: { readonly rfid: RfidSetup | null; readonly padSimulator: PadSimulatorControl | null; readonly devices: DeviceHub }): DeviceInfo[] {
	return [padInfo(runtime.rfid, runtime.padSimulator), ...runtime.devices.devices()];
}

function padInfo(rfid: RfidSetup | null, padSimulator: PadSimulatorControl | null): DeviceInfo {
	if (!rfid) return { kind: 'rfid-pad', name: 'RFID pad', port: '-', protocol: '-', state: 'not-configured', reason: null, simulated: false };
	const status = rfid.pad.snapshot().status;
	const state: DeviceState = status === 'none' ? 'not-configured' : status;
	return { kind: 'rfid-pad', name: 'RFID pad', port: rfid.pad.description, protocol: rfid.pad.protocol === '3m' ? '3M / Bibliotheca' : 'FEIG ISC', state, reason: rfid.pad.reason, simulated: padSimulator !== null };
}
