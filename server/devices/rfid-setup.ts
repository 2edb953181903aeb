import { RfidPadDriver, RfidPadSimulator, rfidSerialSettings } from '../../drivers/rfid';
import { TAG_DATA_MODELS } from '../../drivers/rfid/tag-data';
import type { ByteLinkOpener } from '../../drivers/transport/byte-link';
import { MemoryLinkOpener } from '../../drivers/transport/memory-link';
import { serialLinkOpener } from '../../drivers/transport/serial-link';
import { tcpLinkOpener } from '../../drivers/transport/tcp-link';
import type { RfidConfig } from '../config';
import type { Logger } from '../logging/logger';
import { LibraryPad } from './library-pad';

export interface RfidSetup {
	pad: LibraryPad;
	/** Only when the pad is simulated (the demo, the e2e tests): tags can be placed on it. */
	simulator: RfidPadSimulator | null;
}

/** The RFID pad from configuration: a real reader on a serial port or TCP, or the simulator. */
export function setUpRfid(config: RfidConfig, log: Logger): RfidSetup | null {
	const reader = config.reader;
	if (reader.kind === 'none') return null;
	let opener: ByteLinkOpener;
	let simulator: RfidPadSimulator | null = null;
	switch (reader.kind) {
		case 'simulator': {
			const sim = new RfidPadSimulator(reader.protocol);
			simulator = sim;
			opener = new MemoryLinkOpener(`simulated ${reader.protocol} pad`, (link) => sim.attach(link));
			break;
		}
		case 'serial':
			opener = serialLinkOpener({ path: reader.path, ...rfidSerialSettings[reader.protocol], ...(reader.baudRate === null ? {} : { baudRate: reader.baudRate }) });
			break;
		case 'tcp':
			opener = tcpLinkOpener({ host: reader.host, port: reader.port });
			break;
	}
	const driver = new RfidPadDriver(opener, reader.protocol);
	const pad = new LibraryPad(driver, TAG_DATA_MODELS[config.dataModel], { afiInLibrary: config.afiInLibrary, afiOnLoan: config.afiOnLoan, mode: config.securityMode }, log);
	return { pad, simulator };
}
