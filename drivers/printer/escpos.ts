import iconv from 'iconv-lite';

/**
 * ESC/POS for receipt printers, both ways and free of IO: a receipt document → the bytes a
 * printer prints it from, and bytes → what a printer would put on paper (for the simulator and
 * tests). Plus the real-time status request (DLE EOT n) and its one-byte reply.
 */

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const FS = 0x1c;
const LF = 0x0a;
const HT = 0x09;
const FF = 0x0c;
const EOT = 0x04;

export type ReceiptAlign = 'left' | 'center' | 'right';
export type ReceiptTextSize = 'normal' | 'double';

export interface ReceiptTextStyle {
	bold?: boolean;
	align?: ReceiptAlign;
	/** `double` is double width and double height, so a line holds half as many characters. */
	size?: ReceiptTextSize;
}

/** Text longer than the paper is wrapped; `\n` in the text starts a new line. */
export interface ReceiptLine extends ReceiptTextStyle {
	kind: 'text';
	text: string;
}

/** A full-width rule, `-` unless told otherwise. */
export interface ReceiptSeparator {
	kind: 'separator';
	character?: string;
}

export interface ReceiptFeed {
	kind: 'feed';
	lines: number;
}

/** A partial cut leaves a hinge so the receipt hangs until the member takes it. */
export interface ReceiptCut {
	kind: 'cut';
	mode: 'partial' | 'full';
}

export type ReceiptItem = ReceiptLine | ReceiptSeparator | ReceiptFeed | ReceiptCut;
export type ReceiptDocument = readonly ReceiptItem[];

/** A line as it came out of the printer: every style is known. */
export type PrintedLine = Required<ReceiptLine>;
export type PrintedItem = PrintedLine | ReceiptCut;

export const PRINTER_CODE_PAGES = ['cp858', 'cp437', 'cp850'] as const;
export type PrinterCodePage = (typeof PRINTER_CODE_PAGES)[number];

/** ESC t numbers from Epson's table, which the common clones copy. */
const CODE_PAGE_NUMBERS: Record<PrinterCodePage, number> = { cp437: 0, cp850: 2, cp858: 19 };

export interface EscPosOptions {
	/**
	 * Characters per line at normal size: 42 on 80 mm paper with Epson TM-T88 font A, 48 on most
	 * other 80 mm printers, 32 on 58 mm paper. Default 42, which fits on all of those 80 mm printers.
	 */
	columns?: number;
	/** Default CP858: CP850 with the euro sign, which fines and fees need. */
	codePage?: PrinterCodePage;
}

export const DEFAULT_COLUMNS = 42;

type LineStyle = Required<ReceiptTextStyle>;

const PRINTER_DEFAULT_STYLE: LineStyle = { bold: false, align: 'left', size: 'normal' };
const ALIGN_NUMBERS: Record<ReceiptAlign, number> = { left: 0, center: 1, right: 2 };
const TAB_WIDTH = 8;
const MAX_FEED_PER_COMMAND = 255;

export function encodeReceipt(document: ReceiptDocument, options: EscPosOptions = {}): Uint8Array {
	const columns = options.columns ?? DEFAULT_COLUMNS;
	if (!Number.isInteger(columns) || columns < 2) throw new RangeError(`columns must be an integer of at least 2, got ${columns}`);
	const codePage = options.codePage ?? 'cp858';
	const chunks: Uint8Array[] = [Uint8Array.of(ESC, 0x40, ESC, 0x74, CODE_PAGE_NUMBERS[codePage])];
	let style: LineStyle = { ...PRINTER_DEFAULT_STYLE };

	const printLine = (text: string, wanted: LineStyle): void => {
		// Only the changes are sent: ESC @ above put the printer in the default style.
		if (wanted.bold !== style.bold) chunks.push(Uint8Array.of(ESC, 0x45, wanted.bold ? 1 : 0));
		if (wanted.align !== style.align) chunks.push(Uint8Array.of(ESC, 0x61, ALIGN_NUMBERS[wanted.align]));
		if (wanted.size !== style.size) chunks.push(Uint8Array.of(GS, 0x21, wanted.size === 'double' ? 0x11 : 0x00));
		style = wanted;
		chunks.push(iconv.encode(text, codePage), Uint8Array.of(LF));
	};

	for (const item of document) {
		switch (item.kind) {
			case 'text': {
				const lineStyle: LineStyle = { bold: item.bold ?? false, align: item.align ?? 'left', size: item.size ?? 'normal' };
				const width = lineStyle.size === 'double' ? Math.floor(columns / 2) : columns;
				for (const paragraph of item.text.normalize('NFC').split(/\r\n|\r|\n/)) {
					for (const line of wrapText(printableText(paragraph), width)) printLine(line, lineStyle);
				}
				break;
			}
			case 'separator': {
				const character = printableText(item.character ?? '-');
				if (character.length === 0) throw new RangeError('a separator needs a printable character');
				printLine(Array.from(character.repeat(columns)).slice(0, columns).join(''), PRINTER_DEFAULT_STYLE);
				break;
			}
			case 'feed': {
				if (!Number.isInteger(item.lines) || item.lines < 0) throw new RangeError(`feed lines must be a whole number of at least 0, got ${item.lines}`);
				for (let left = item.lines; left > 0; left -= MAX_FEED_PER_COMMAND) chunks.push(Uint8Array.of(ESC, 0x64, Math.min(left, MAX_FEED_PER_COMMAND)));
				break;
			}
			case 'cut':
				// Function B (GS V 65/66 n) first feeds the last printed line past the cutter, which
				// sits above the print head; GS V 0/1 would cut through the last lines.
				chunks.push(Uint8Array.of(GS, 0x56, item.mode === 'full' ? 65 : 66, 0));
				break;
		}
	}
	return Buffer.concat(chunks);
}

/**
 * Titles and names come from the library system: a control character in them must not reach the
 * printer as a command, so each becomes a space.
 */
function printableText(text: string): string {
	return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

/**
 * Breaks text into lines of at most `width` characters, at spaces where it can; a word longer
 * than a line is cut. Spaces inside a line are kept (receipts align columns with them).
 */
export function wrapText(text: string, width: number): string[] {
	if (!Number.isInteger(width) || width < 1) throw new RangeError(`width must be a positive integer, got ${width}`);
	const lines: string[] = [];
	let rest = Array.from(text);
	while (rest.length > width) {
		let breakAt = -1;
		for (let index = width; index > 0; index--) {
			if (rest[index] === ' ') {
				breakAt = index;
				break;
			}
		}
		let head = breakAt > 0 ? trimEnd(rest.slice(0, breakAt)) : [];
		let tail: string[];
		if (head.length > 0) {
			tail = rest.slice(breakAt + 1);
		} else {
			head = rest.slice(0, width);
			tail = rest.slice(width);
		}
		lines.push(head.join(''));
		rest = trimStart(tail);
	}
	if (rest.length > 0 || lines.length === 0) lines.push(rest.join(''));
	return lines;
}

function trimEnd(characters: string[]): string[] {
	let end = characters.length;
	while (end > 0 && characters[end - 1] === ' ') end--;
	return characters.slice(0, end);
}

function trimStart(characters: string[]): string[] {
	let start = 0;
	while (start < characters.length && characters[start] === ' ') start++;
	return characters.slice(start);
}

// ---------------------------------------------------------------------------------------------
// Real-time status: DLE EOT n, answered by one byte even while the printer is busy or offline.

/** What each DLE EOT n reply says. Only the bits a kiosk acts on are read. */
export interface StatusReplies {
	/** n = 1 */
	printer: { offline: boolean };
	/** n = 2: why the printer is offline. */
	'offline-cause': { coverOpen: boolean; paperEndStop: boolean; error: boolean };
	/** n = 3 */
	'error-cause': { cutterError: boolean; unrecoverableError: boolean; autoRecoverableError: boolean };
	/** n = 4: the roll sensors. */
	'paper-sensor': { paperNearEnd: boolean; paperOut: boolean };
}
export type StatusQuery = keyof StatusReplies;

const STATUS_QUERY_NUMBERS: Record<StatusQuery, number> = { printer: 1, 'offline-cause': 2, 'error-cause': 3, 'paper-sensor': 4 };
const STATUS_QUERIES_BY_NUMBER = new Map<number, StatusQuery>(
	(Object.entries(STATUS_QUERY_NUMBERS) as [StatusQuery, number][]).map(([query, n]) => [n, query])
);

/** Every status reply has bits 1 and 4 set and bits 0 and 7 clear. */
const STATUS_FIXED_MASK = 0x93;
const STATUS_FIXED_BITS = 0x12;

export function encodeStatusRequest(query: StatusQuery): Uint8Array {
	return Uint8Array.of(DLE, EOT, STATUS_QUERY_NUMBERS[query]);
}

/**
 * True for a byte shaped like a status reply. XON/XOFF (0x11, 0x13) and the first byte of an
 * automatic status block do not match, so they are not mistaken for an answer.
 */
export function isStatusReplyByte(byte: number): boolean {
	return (byte & STATUS_FIXED_MASK) === STATUS_FIXED_BITS;
}

const flag = (byte: number, mask: number): boolean => (byte & mask) !== 0;
const bits = (...set: [boolean, number][]): number => set.reduce((byte, [on, mask]) => (on ? byte | mask : byte), STATUS_FIXED_BITS);

const STATUS_DECODERS: { [Q in StatusQuery]: (byte: number) => StatusReplies[Q] } = {
	printer: (byte) => ({ offline: flag(byte, 0x08) }),
	'offline-cause': (byte) => ({ coverOpen: flag(byte, 0x04), paperEndStop: flag(byte, 0x20), error: flag(byte, 0x40) }),
	'error-cause': (byte) => ({ cutterError: flag(byte, 0x08), unrecoverableError: flag(byte, 0x20), autoRecoverableError: flag(byte, 0x40) }),
	// Each sensor is reported on two bits; printers set either or both.
	'paper-sensor': (byte) => ({ paperNearEnd: flag(byte, 0x0c), paperOut: flag(byte, 0x60) })
};

const STATUS_ENCODERS: { [Q in StatusQuery]: (reply: StatusReplies[Q]) => number } = {
	printer: (reply) => bits([reply.offline, 0x08]),
	'offline-cause': (reply) => bits([reply.coverOpen, 0x04], [reply.paperEndStop, 0x20], [reply.error, 0x40]),
	'error-cause': (reply) => bits([reply.cutterError, 0x08], [reply.unrecoverableError, 0x20], [reply.autoRecoverableError, 0x40]),
	'paper-sensor': (reply) => bits([reply.paperNearEnd, 0x0c], [reply.paperOut, 0x60])
};

/** Null when the byte is not a status reply. */
export function decodeStatusReply<Q extends StatusQuery>(query: Q, byte: number): StatusReplies[Q] | null {
	if (!isStatusReplyByte(byte)) return null;
	return STATUS_DECODERS[query](byte);
}

export function encodeStatusReply<Q extends StatusQuery>(query: Q, reply: StatusReplies[Q]): number {
	return STATUS_ENCODERS[query](reply);
}

// ---------------------------------------------------------------------------------------------
// Decoding: what a printer does with the bytes.

export interface StatusRequestEvent {
	kind: 'status-request';
	query: StatusQuery;
}
export type EscPosEvent = PrintedItem | StatusRequestEvent;

const INCOMPLETE = -1;
/**
 * Commands up to this length are kept until complete (their parameters change what is printed).
 * Longer ones (images, barcodes, QR codes) carry data we skip as it arrives, so a corrupt length
 * cannot make the decoder hold megabytes.
 */
const MAX_BUFFERED_COMMAND = 64;

/** Parameter counts of the fixed-length commands, after the two command bytes. */
const ESC_PARAMETERS = new Map<number, number>(
	Object.entries({
		'@': 0, E: 1, G: 1, '-': 1, a: 1, d: 1, J: 1, K: 1, e: 1, t: 1, R: 1, '!': 1, M: 1, '2': 0, '3': 1, ' ': 1,
		$: 2, '\\': 2, V: 1, '{': 1, p: 3, c: 2, '=': 1, i: 0, m: 0, L: 0, S: 0, '\f': 0, W: 8, T: 1, r: 1, U: 1,
		'%': 1, '?': 1, u: 1, v: 0
	}).map(([command, count]) => [command.charCodeAt(0), count])
);
const GS_PARAMETERS = new Map<number, number>(
	Object.entries({
		'!': 1, B: 1, b: 1, H: 1, f: 1, h: 1, w: 1, L: 2, W: 2, $: 2, '\\': 2, P: 2, a: 1, r: 1, I: 1, ':': 0, '^': 3,
		'/': 1, T: 1, c: 0, g: 2
	}).map(([command, count]) => [command.charCodeAt(0), count])
);
const FS_PARAMETERS = new Map<number, number>(
	Object.entries({ '!': 1, '&': 0, '.': 0, '-': 1, C: 1, S: 2, W: 1, p: 2 }).map(([command, count]) => [command.charCodeAt(0), count])
);

const code = (character: string): number => character.charCodeAt(0);

/** The whole length of the command starting at `start`, or INCOMPLETE while its header has not all arrived. */
function commandLength(bytes: Uint8Array, start: number): number {
	const at = (offset: number): number | undefined => bytes[start + offset];
	const prefix = at(0);
	const command = at(1);
	if (command === undefined) return INCOMPLETE;
	const need = (...offsets: number[]): boolean => offsets.every((offset) => at(offset) !== undefined);
	const word = (offset: number, length: number): number => {
		let value = 0;
		for (let index = length - 1; index >= 0; index--) value = value * 256 + (at(offset + index) ?? 0);
		return value;
	};
	const untilNul = (from: number, max: number): number => {
		for (let offset = from; offset < from + max; offset++) {
			const byte = at(offset);
			if (byte === undefined) return INCOMPLETE;
			if (byte === 0) return offset + 1;
		}
		return from + max;
	};

	if (prefix === ESC) {
		const fixed = ESC_PARAMETERS.get(command);
		if (fixed !== undefined) return 2 + fixed;
		if (command === code('D')) return untilNul(2, 33);
		if (command === code('*')) {
			// ESC * m nL nH: 8-dot modes send one byte per column, 24-dot modes three.
			if (!need(2, 3, 4)) return INCOMPLETE;
			const columns = word(3, 2);
			return 5 + (at(2) === 32 || at(2) === 33 ? columns * 3 : columns);
		}
		if (command === code('&')) {
			// ESC & y c1 c2, then per character: x and y·x bytes.
			if (!need(2, 3, 4)) return INCOMPLETE;
			const height = at(2) ?? 0;
			let offset = 5;
			for (let character = at(3) ?? 0; character <= (at(4) ?? 0); character++) {
				const width = at(offset);
				if (width === undefined) return INCOMPLETE;
				offset += 1 + height * width;
			}
			return offset;
		}
		return 2;
	}
	if (prefix === GS) {
		const fixed = GS_PARAMETERS.get(command);
		if (fixed !== undefined) return 2 + fixed;
		if (command === code('V')) {
			if (!need(2)) return INCOMPLETE;
			const mode = at(2) ?? 0;
			return [0, 1, 48, 49].includes(mode) ? 3 : 4;
		}
		if (command === code('k')) {
			// GS k m: type A barcodes end with NUL, type B ones carry their length.
			if (!need(2)) return INCOMPLETE;
			if ((at(2) ?? 0) <= 6) return untilNul(3, 256);
			if (!need(3)) return INCOMPLETE;
			return 4 + (at(3) ?? 0);
		}
		if (command === code('(')) {
			if (!need(2, 3, 4)) return INCOMPLETE;
			return 5 + word(3, 2);
		}
		if (command === code('8')) {
			if (!need(2, 3, 4, 5, 6)) return INCOMPLETE;
			return 7 + word(3, 4);
		}
		if (command === code('v')) {
			// GS v 0 m xL xH yL yH: x bytes per row, y rows.
			if (!need(2, 3, 4, 5, 6, 7)) return INCOMPLETE;
			return 8 + word(4, 2) * word(6, 2);
		}
		if (command === code('*')) {
			if (!need(2, 3)) return INCOMPLETE;
			return 4 + (at(2) ?? 0) * (at(3) ?? 0) * 8;
		}
		return 2;
	}
	if (prefix === DLE) {
		if (command === EOT) {
			if (!need(2)) return INCOMPLETE;
			return at(2) === 7 || at(2) === 8 ? 4 : 3;
		}
		if (command === 0x05) return 3;
		if (command === 0x14) {
			if (!need(2)) return INCOMPLETE;
			const fn = at(2);
			return fn === 8 ? 10 : fn === 7 ? 4 : 5;
		}
		// A lone DLE is no command: the next byte is read on its own.
		return 1;
	}
	if (prefix === FS) {
		const fixed = FS_PARAMETERS.get(command);
		if (fixed !== undefined) return 2 + fixed;
		if (command === code('(')) {
			if (!need(2, 3, 4)) return INCOMPLETE;
			return 5 + word(3, 2);
		}
		return 2;
	}
	return 1;
}

const characterTables = new Map<number, string[]>();

/** The 256 characters of an ESC t page; pages we do not know print as the default page, CP437. */
function characterTable(pageNumber: number): string[] {
	const known = (Object.entries(CODE_PAGE_NUMBERS) as [PrinterCodePage, number][]).find(([, number]) => number === pageNumber);
	const key = known ? pageNumber : CODE_PAGE_NUMBERS.cp437;
	let table = characterTables.get(key);
	if (!table) {
		const all = Buffer.from(Array.from({ length: 256 }, (_, byte) => byte));
		table = Array.from(iconv.decode(all, known ? known[0] : 'cp437'));
		characterTables.set(key, table);
	}
	return table;
}

/**
 * Turns a byte stream into what a printer prints, chunk by chunk: commands split across chunks
 * wait for their remainder. A line is printed by LF, ESC d, ESC J or a cut; text still in the
 * buffer when the stream ends was never printed. Unknown commands are skipped by their known
 * length, or as two bytes when even that is unknown.
 */
export class EscPosDecoder {
	#pending: Uint8Array = new Uint8Array(0);
	#skip = 0;
	#style: LineStyle = { ...PRINTER_DEFAULT_STYLE };
	#characters = characterTable(0);
	#line: string | null = null;
	/** The style a line is printed in is the one in force at its first character. */
	#lineStyle: LineStyle | null = null;

	push(chunk: Uint8Array): EscPosEvent[] {
		const events: EscPosEvent[] = [];
		const bytes = this.#pending.length > 0 ? Buffer.concat([this.#pending, chunk]) : chunk;
		let index = Math.min(this.#skip, bytes.length);
		this.#skip -= index;
		while (index < bytes.length) {
			const byte = bytes[index] ?? 0;
			if (byte >= 0x20 && byte !== 0x7f) {
				this.#append(this.#characters[byte] ?? '?');
				index++;
				continue;
			}
			if (byte === ESC || byte === GS || byte === DLE || byte === FS) {
				const length = commandLength(bytes, index);
				if (length === INCOMPLETE) break;
				const available = bytes.length - index;
				if (length > available) {
					if (length <= MAX_BUFFERED_COMMAND) break;
					this.#skip = length - available;
					index = bytes.length;
					break;
				}
				this.#execute(bytes.subarray(index, index + length), events);
				index += length;
				continue;
			}
			if (byte === LF) this.#printLine(events);
			else if (byte === HT) this.#append(' '.repeat(TAB_WIDTH - ((this.#line?.length ?? 0) % TAB_WIDTH)));
			else if (byte === FF && this.#line !== null) this.#printLine(events);
			index++;
		}
		this.#pending = Uint8Array.from(bytes.subarray(index));
		return events;
	}

	#append(text: string): void {
		if (this.#line === null) {
			this.#line = '';
			this.#lineStyle = { ...this.#style };
		}
		this.#line += text;
	}

	#printLine(events: EscPosEvent[]): void {
		events.push({ kind: 'text', text: this.#line ?? '', ...(this.#lineStyle ?? this.#style) });
		this.#line = null;
		this.#lineStyle = null;
	}

	#execute(command: Uint8Array, events: EscPosEvent[]): void {
		const [prefix, name, first = 0] = command;
		if (prefix === ESC) {
			switch (name) {
				case code('@'):
					// Initialise clears the print buffer too: unprinted text is lost.
					this.#style = { ...PRINTER_DEFAULT_STYLE };
					this.#characters = characterTable(0);
					this.#line = null;
					this.#lineStyle = null;
					return;
				case code('E'):
					this.#style.bold = (first & 1) === 1;
					return;
				case code('!'):
					this.#style.bold = (first & 0x08) !== 0;
					this.#style.size = (first & 0x30) !== 0 ? 'double' : 'normal';
					return;
				case code('a'):
					this.#style.align = first % 48 === 1 ? 'center' : first % 48 === 2 ? 'right' : 'left';
					return;
				case code('t'):
					this.#characters = characterTable(first);
					return;
				case code('d'):
					if (first === 0 && this.#line !== null) this.#printLine(events);
					for (let line = 0; line < first; line++) this.#printLine(events);
					return;
				case code('J'):
				case code('K'):
				case code('e'):
					if (this.#line !== null) this.#printLine(events);
					return;
				case code('i'):
				case code('m'):
					this.#cut('partial', events);
					return;
			}
			return;
		}
		if (prefix === GS) {
			if (name === code('!')) this.#style.size = (first & 0x77) !== 0 ? 'double' : 'normal';
			else if (name === code('V')) this.#cut([1, 49, 66, 98, 104].includes(first) ? 'partial' : 'full', events);
			return;
		}
		if (prefix === DLE && name === EOT) {
			const query = STATUS_QUERIES_BY_NUMBER.get(first);
			if (query) events.push({ kind: 'status-request', query });
		}
	}

	#cut(mode: ReceiptCut['mode'], events: EscPosEvent[]): void {
		// Tolerated although Epson wants cuts at the start of a line: the text is printed, then cut.
		if (this.#line !== null) this.#printLine(events);
		events.push({ kind: 'cut', mode });
	}
}

/** What the printer would print from these bytes: lines with their styles, and the cuts. */
export function decodeEscPos(bytes: Uint8Array): PrintedItem[] {
	return new EscPosDecoder().push(bytes).filter((event): event is PrintedItem => event.kind !== 'status-request');
}
