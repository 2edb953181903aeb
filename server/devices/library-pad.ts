import { EventEmitter } from 'node:events';
import type { PadSnapshot, PadTag, SecurityOutcome, TechnicianTag } from '../../kiosk/lib/api/contract';
import { maskCardNumber } from '../../kiosk/lib/privacy/mask';
import type { PresentTag, RfidPadDriver, RfidPadState } from '../../drivers/rfid';
import { isMemberCard, partsOf, TagDataError, type TagDataModel } from '../../drivers/rfid/tag-data';
import type { Logger } from '../logging/logger';
import { silentLogger } from '../logging/logger';

/**
 * The RFID pad as the library sees it: which items (and member cards) lie on it, decoded with the
 * library's data model, and the security bit of each item. The circulation service asks it two
 * things only: are all parts of this item here, and set the security for this item now.
 */
export interface RfidSecuritySettings {
	/** AFI of an item in the library (secured). ISO 28560-1 / DDM: 0x07. */
	afiInLibrary: number;
	/** AFI of an item on loan (unsecured). ISO 28560-1 / DDM: 0xC2. */
	afiOnLoan: number;
	/** Which security the library's gates check: the AFI, the NXP EAS bit, or both. */
	mode: 'afi' | 'eas' | 'both';
}

export interface ItemSecurity {
	/** Null when no tag of the item is on the pad (or there is no pad); otherwise which of its parts are missing. */
	partsOnPad(itemId: string): { missing: number[]; of: number } | null;
	/** After the library system confirmed a loan: unsecure every tag of the item, read back. */
	setOnLoan(itemId: string): Promise<SecurityOutcome>;
	/** After the library system confirmed a return: secure every tag of the item, read back. */
	setInLibrary(itemId: string): Promise<SecurityOutcome>;
}

interface DecodedTag extends PadTag {
	afi: number;
}

export interface LibraryPadEvents {
	change: [snapshot: PadSnapshot];
	/** A security write that did not take: staff must see to the item. No personal data. */
	'security-alert': [alert: { itemId: string; uid: string; wanted: 'on-loan' | 'in-library'; detail: string }];
}

export class LibraryPad extends EventEmitter<LibraryPadEvents> implements ItemSecurity {
	readonly #tags = new Map<string, DecodedTag>();
	#status: PadSnapshot['status'] = 'disconnected';
	readonly #log: Logger;

	constructor(
		private readonly driver: RfidPadDriver,
		private readonly model: TagDataModel,
		private readonly security: RfidSecuritySettings,
		logger: Logger = silentLogger
	) {
		super();
		this.#log = logger.child({ component: 'rfid-pad' });
		driver.on('state', (state: RfidPadState) => {
			this.#status = state.status;
			if (state.status !== 'ready') this.#tags.clear();
			this.#log.info('rfid pad state', { state: state.status, reason: state.reason ?? undefined });
			this.#changed();
		});
		driver.on('tag-present', (tag) => {
			this.#tags.set(tag.uid, this.#decode(tag));
			this.#changed();
		});
		driver.on('tag-unreadable', ({ uid }) => {
			this.#tags.set(uid, { uid, kind: 'unreadable', id: null, part: 1, of: 1, afi: 0 });
			this.#changed();
		});
		driver.on('tag-removed', ({ uid }) => {
			if (this.#tags.delete(uid)) this.#changed();
		});
	}

	start(): void {
		this.driver.start();
	}

	async stop(): Promise<void> {
		await this.driver.stop();
	}

	/** For the technician page: where the reader is, which protocol it speaks and why it is in its state. */
	get description(): string {
		return this.driver.description;
	}

	get protocol(): string {
		return this.driver.protocol;
	}

	get reason(): string | null {
		return this.driver.state.reason;
	}

	/**
	 * The technician page's view: what the pad decoded from each tag, with its AFI. A member card
	 * left on the pad is a member's number: the technician sees that it reads, not what it says.
	 */
	decodedTags(): TechnicianTag[] {
		return [...this.#tags.values()].map(({ uid, kind, id, part, of, afi }) => ({
			uid,
			kind,
			id: kind === 'member-card' && id !== null ? maskCardNumber(id) : id,
			part,
			of,
			afi
		}));
	}

	snapshot(): PadSnapshot {
		return { status: this.#status, tags: [...this.#tags.values()].map(({ uid, kind, id, part, of }) => ({ uid, kind, id, part, of })) };
	}

	partsOnPad(itemId: string): { missing: number[]; of: number } | null {
		const tags = this.#itemTags(itemId);
		if (tags.length === 0) return null;
		const of = Math.max(...tags.map((tag) => tag.of));
		const present = new Set(tags.map((tag) => tag.part));
		const missing = Array.from({ length: of }, (_, index) => index + 1).filter((part) => !present.has(part));
		return { missing, of };
	}

	setOnLoan(itemId: string): Promise<SecurityOutcome> {
		return this.#secure(itemId, 'on-loan');
	}

	setInLibrary(itemId: string): Promise<SecurityOutcome> {
		return this.#secure(itemId, 'in-library');
	}

	async #secure(itemId: string, wanted: 'on-loan' | 'in-library'): Promise<SecurityOutcome> {
		const tags = this.#itemTags(itemId);
		if (tags.length === 0) return null;
		const afi = wanted === 'on-loan' ? this.security.afiOnLoan : this.security.afiInLibrary;
		const easOn = wanted === 'in-library';
		let outcome: SecurityOutcome = 'done';
		for (const tag of tags) {
			const problems: string[] = [];
			if (this.security.mode !== 'eas') {
				const write = await this.driver.writeAfi(tag.uid, afi);
				if (write.matched) tag.afi = afi;
				else problems.push(`AFI read back ${write.readBack === null ? 'nothing' : hex(write.readBack)} instead of ${hex(afi)}`);
			}
			if (this.security.mode !== 'afi') {
				const write = await this.driver.setEas(tag.uid, easOn);
				if (!write.matched) problems.push(`EAS read back ${String(write.readBack)} instead of ${easOn}`);
			}
			if (problems.length > 0) {
				outcome = 'failed';
				const detail = problems.join('; ');
				this.#log.error('security write failed: staff must check the item', { item: itemId, uid: tag.uid, wanted, detail });
				this.emit('security-alert', { itemId, uid: tag.uid, wanted, detail });
			}
		}
		return outcome;
	}

	#itemTags(itemId: string): DecodedTag[] {
		return [...this.#tags.values()].filter((tag) => tag.kind === 'item' && tag.id === itemId);
	}

	#decode(tag: PresentTag): DecodedTag {
		try {
			const data = this.model.decode(tag.memory, tag.blockSize);
			if (!data.primaryItemId) return { uid: tag.uid, kind: 'unreadable', id: null, part: 1, of: 1, afi: tag.afi };
			const { part, of } = partsOf(data);
			return { uid: tag.uid, kind: isMemberCard(data) ? 'member-card' : 'item', id: data.primaryItemId, part, of, afi: tag.afi };
		} catch (error) {
			if (!(error instanceof TagDataError)) throw error;
			this.#log.warn('rfid tag could not be decoded', { uid: tag.uid, problem: error.reason });
			return { uid: tag.uid, kind: 'unreadable', id: null, part: 1, of: 1, afi: tag.afi };
		}
	}

	#changed(): void {
		this.emit('change', this.snapshot());
	}
}

function hex(value: number): string {
	return value.toString(16).toUpperCase().padStart(2, '0');
}
