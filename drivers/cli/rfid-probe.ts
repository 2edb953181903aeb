/**
 * `probe PORT --protocol feig|3m`: asks an RFID reader who it is and describes every tag on it,
 * as the technician needs it when installing a pad or when a patron's item "does not work":
 * is the reader there, does it see the tag, what do AFI and EAS say, and can the tag data be read.
 */
import { BibliothecaReader, FeigReader, iso15693, isRfidError, type RfidProtocol, type RfidReader, type SystemInfo, type Uid } from '../rfid';
import {
	detectDataModel,
	isMemberCard,
	partsOf,
	RFID501_ITEM_TYPES,
	TAG_DATA_MODELS,
	TagDataError,
	usageClassName,
	type LibraryTagData,
	type TagDataModelName,
	type TypeOfUsage
} from '../rfid/tag-data';
import { LinkError, type ByteLinkOpener } from '../transport/byte-link';
import { maskCardNumber } from '../../kiosk/lib/privacy/mask';
import type { CliOutput } from './devices-cli';
import { messageOf, printable } from './text';

export interface RfidProbeOptions {
	opener: ByteLinkOpener;
	protocol: RfidProtocol;
	/** null: guess each tag's model, since the technician may not know what the library's tags hold. */
	dataModel: TagDataModelName | null;
	/** AFI values the library writes for "in the library" and "on loan", to say what a tag's AFI means. */
	afiInLibrary: number;
	afiOnLoan: number;
}

const READER_NAMES: Record<RfidProtocol, string> = { feig: 'FEIG ISC', '3m': '3M/Bibliotheca D6' };

/** What the pad driver reads per command too: FEIG and 3M readers both take 16 blocks in one read. */
const MAX_BLOCKS_PER_READ = 16;

const hex = iso15693.hexByte;

export async function probeRfidReader(options: RfidProbeOptions, out: CliOutput, signal?: AbortSignal): Promise<number> {
	let reader: RfidReader;
	try {
		const link = await options.opener.open();
		reader = options.protocol === 'feig' ? new FeigReader(link) : new BibliothecaReader(link);
	} catch (error) {
		// A LinkError already names the link.
		out.line(error instanceof LinkError ? `cannot open ${error.message}` : `cannot open ${options.opener.description}: ${messageOf(error)}`);
		return 1;
	}
	// Closing the link fails the command in flight at once, so Ctrl-C never waits for a reader timeout.
	const stop = () => void reader.close();
	signal?.addEventListener('abort', stop, { once: true });
	try {
		if (signal?.aborted) {
			out.line('stopped');
			return 1;
		}
		const identity = await reader.identify();
		out.line(`reader: ${READER_NAMES[options.protocol]} on ${reader.description}, firmware ${identity.firmware}`);
		const tags = await reader.inventory();
		out.line(tags.length === 0 ? 'no tags on the reader' : `${tags.length} ${tags.length === 1 ? 'tag' : 'tags'} on the reader:`);
		for (const tag of tags) await describeTag(reader, tag.uid, options, out);
		return 0;
	} catch (error) {
		if (signal?.aborted) out.line('stopped');
		else if (isRfidError(error, 'timeout')) {
			out.line(`the reader did not answer (${error.message}): check its power and cable, --protocol and --baud`);
		} else out.line(`reader failed: ${messageOf(error)}`);
		return 1;
	} finally {
		signal?.removeEventListener('abort', stop);
		await reader.close();
	}
}

async function describeTag(reader: RfidReader, uid: Uid, options: RfidProbeOptions, out: CliOutput): Promise<void> {
	let tag: { info: SystemInfo; memory: Uint8Array; eas: boolean | undefined };
	try {
		tag = await readTag(reader, uid);
	} catch (error) {
		// A silent or lost reader ends the probe; one tag at the edge of the field says nothing about the others.
		if (isRfidError(error, 'timeout', 'link-lost')) throw error;
		out.line(`${uid}: could not read: ${messageOf(error)}`);
		return;
	}
	const { info, memory, eas } = tag;
	const easText = eas === undefined ? 'EAS unknown' : `EAS ${eas ? 'on' : 'off'}`;
	out.line(
		`${uid}: AFI ${hex(info.afi)} (${afiMeaning(info.afi, options)}), ${easText}, DSFID ${hex(info.dsfid)}, ` +
			`${info.blockCount} blocks of ${info.blockSize} bytes`
	);
	for (const line of describeTagData(memory, info.blockSize, options.dataModel)) out.line(`  ${line}`);
}

async function readTag(reader: RfidReader, uid: Uid): Promise<{ info: SystemInfo; memory: Uint8Array; eas: boolean | undefined }> {
	const info = await reader.readSystemInfo(uid);
	const memory = new Uint8Array(info.blockCount * info.blockSize);
	for (let first = 0; first < info.blockCount; first += MAX_BLOCKS_PER_READ) {
		const count = Math.min(MAX_BLOCKS_PER_READ, info.blockCount - first);
		memory.set(await reader.readBlocks(uid, first, count), first * info.blockSize);
	}
	let eas: boolean | undefined;
	try {
		eas = await reader.readEas(uid);
	} catch (error) {
		if (isRfidError(error, 'timeout', 'link-lost')) throw error;
		// Only NXP chips have the EAS bit: for others it stays unknown rather than guessed.
	}
	return { info, memory, eas };
}

function afiMeaning(afi: number, options: RfidProbeOptions): string {
	if (afi === options.afiInLibrary) return 'in library';
	if (afi === options.afiOnLoan) return 'on loan';
	return 'other';
}

function describeTagData(memory: Uint8Array, blockSize: number, dataModel: TagDataModelName | null): string[] {
	if (dataModel) {
		try {
			return [`data model ${dataModel}`, ...describeFields(TAG_DATA_MODELS[dataModel].decode(memory, blockSize))];
		} catch (error) {
			const lines = [`not decoded as ${dataModel}: ${decodeFailure(error)}`];
			// A wrong --data-model is a common reason for this line, so say which model would fit. Only as an
			// "if": a damaged ISO 28560-3 tag can pass for ISO 28560-2 (both may start with 11).
			const guess = error instanceof TagDataError && error.reason === 'blank' ? null : guessModel(memory, blockSize);
			if (guess?.kind === 'decoded' && guess.model !== dataModel) {
				lines.push(`it does decode as ${guess.model}: if the library's tags are ${guess.model}, use --data-model ${guess.model}`);
			}
			return lines;
		}
	}
	const guess = guessModel(memory, blockSize);
	switch (guess.kind) {
		case 'decoded':
			return [`data model ${guess.model} (guessed; --data-model sets it)`, ...describeFields(guess.data), ...damagedDdmNote(memory, blockSize, guess.model)];
		case 'blank':
			return ['not decoded: blank (nothing written on the tag yet)'];
		case 'unknown':
			return [`not decoded: no data model fits (${Object.entries(guess.rejections).map(([model, reason]) => `${model}: ${reason}`).join(', ')})`];
		case 'failed':
			return [`not decoded: ${guess.message}`];
	}
}

/** detectDataModel only rejects with TagDataError inside; anything else must not end the whole probe. */
function guessModel(memory: Uint8Array, blockSize: number): ReturnType<typeof detectDataModel> | { kind: 'failed'; message: string } {
	try {
		return detectDataModel(memory, blockSize);
	} catch (error) {
		return { kind: 'failed', message: messageOf(error) };
	}
}

/**
 * A DDM tag with a broken CRC starts like an ISO 28560-2 tag (first byte 11) and may be guessed as
 * one, with nonsense fields: a library on ISO 28560-3 must hear that the tag is damaged instead.
 */
function damagedDdmNote(memory: Uint8Array, blockSize: number, guessed: TagDataModelName): string[] {
	if (guessed === 'iso28560-3') return [];
	try {
		TAG_DATA_MODELS['iso28560-3'].decode(memory, blockSize);
	} catch (error) {
		if (error instanceof TagDataError && error.reason === 'crc') return ['note: it also looks like iso28560-3 with a wrong CRC: if the library uses iso28560-3, this tag is damaged or half-written'];
	}
	return [];
}

function decodeFailure(error: unknown): string {
	if (!(error instanceof TagDataError)) return messageOf(error);
	// The CRC message quotes the basic block, which on a patron card holds the card number.
	if (error.reason === 'crc') return 'crc: the stored checksum does not match (damaged or half-written tag, or another data model)';
	return error.message;
}

function describeFields(data: LibraryTagData): string[] {
	const { part, of } = partsOf(data);
	const fields = [
		isMemberCard(data) ? `patron card number ${printable(maskCardNumber(data.primaryItemId))} (masked)` : `primary item id ${printable(data.primaryItemId) || '(none)'}`,
		`part ${part} of ${of}`
	];
	if (data.ownerLibrary !== undefined) fields.push(`owner library ${printable(data.ownerLibrary)}`);
	else if (data.country !== undefined) fields.push(`owner country ${printable(data.country)}`);
	if (data.typeOfUsage) fields.push(`type of usage ${typeOfUsageText(data.typeOfUsage)}`);
	const lines = [fields.join(', ')];
	switch (data.model) {
		case 'iso28560-3': {
			const { extras } = data;
			if (extras.blockOrder === 'block-reversed') lines.push('note: the bytes of each block are stored reversed (some vendors write them so)');
			if (extras.partBytesSwapped) lines.push('note: part number and set size are swapped on the tag (a known writer bug); shown the right way round');
			if (extras.extensionBlocks.length > 0) lines.push(`extension blocks: ${extras.extensionBlocks.map((block) => block.id).join(', ')}`);
			if (extras.malformedExtensionArea) lines.push('note: the extension area after the basic block is damaged');
			break;
		}
		case 'iso28560-2':
			if (data.extras.elements.length > 0) lines.push(`other data elements: OID ${data.extras.elements.map((element) => element.oid).join(', ')}`);
			break;
		case 'rfid501': {
			const { itemType, library, branch } = data.extras;
			lines.push(`item type ${RFID501_ITEM_TYPES[itemType] ?? `unknown (${itemType})`}, library ${library}, branch ${branch}`);
			break;
		}
	}
	return lines;
}

/** `patronCard` → `patron card`. */
function typeOfUsageText(usage: TypeOfUsage): string {
	const name = usageClassName(usage.usageClass)
		.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`)
		.trim();
	const words = name === 'reserved' ? `reserved (${usage.usageClass})` : name;
	return usage.subQualifier === undefined ? words : `${words}, sub-qualifier ${usage.subQualifier}`;
}


