import { nxpUid, type RfidPadSimulator } from '../../drivers/rfid';
import { TAG_DATA_MODELS, USAGE_CLASS, type LibraryTagData } from '../../drivers/rfid/tag-data';
import type { RfidConfig } from '../config';

/**
 * Puts library tags on the simulated pad, written in the library's data model with the library's
 * AFI, as a member would lay items down. For the demo and the e2e tests; a real pad has no such thing.
 */
export interface SimulatedLibraryTag {
	/** Item barcode, or card number for a member card. */
	id: string;
	kind?: 'item' | 'member-card';
	part?: number;
	of?: number;
	/** Default: in the library (secured), or on loan for an item being returned. */
	afi?: number;
	/** Default: a fresh UID. */
	uid?: string;
}

const BLOCK_SIZE = 4;
const BLOCK_COUNT = 9;

export class PadSimulatorControl {
	#nextSerial = 1;

	constructor(
		private readonly simulator: RfidPadSimulator,
		private readonly config: RfidConfig
	) {}

	place(tags: SimulatedLibraryTag[]): string[] {
		const model = TAG_DATA_MODELS[this.config.dataModel];
		if (!model.encode) throw new Error(`the ${this.config.dataModel} data model cannot be written`);
		return tags.map((tag) => {
			const data: LibraryTagData = {
				model: 'iso28560-3',
				primaryItemId: tag.id,
				version: 1,
				typeOfUsage: { usageClass: tag.kind === 'member-card' ? USAGE_CLASS.patronCard : USAGE_CLASS.circulating },
				partNumber: tag.part ?? 1,
				partsInSet: tag.of ?? 1,
				country: 'NL',
				ownerLibrary: 'NL-DEMO',
				extras: { blockOrder: 'canonical', partBytesSwapped: false, extensionBlocks: [], malformedExtensionArea: false }
			};
			const uid = tag.uid ?? nxpUid(this.#nextSerial++);
			this.simulator.place({ uid, afi: tag.afi ?? this.config.afiInLibrary, eas: true, blockSize: BLOCK_SIZE, memory: model.encode!(data, BLOCK_SIZE, BLOCK_COUNT) });
			return uid;
		});
	}

	remove(uids: string[]): void {
		for (const uid of uids) this.simulator.remove(uid);
	}

	clear(): void {
		for (const tag of this.tags()) this.simulator.remove(tag.uid);
	}

	failNextWrite(uid: string): void {
		// More than the pad driver's write attempts, so the write really does not take.
		this.simulator.failNextWrite(uid, 10);
	}

	tags(): { uid: string; afi: number; eas: boolean }[] {
		return this.simulator.tags.map((tag) => ({ uid: tag.uid, afi: tag.afi, eas: tag.eas }));
	}
}
