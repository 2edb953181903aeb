import iconv from 'iconv-lite';
import { ZvtDecodeError, ZvtEncodeError } from './zvt-errors';

/**
 * The ZVT application layer, pure: APDUs, BMP fields, BER-TLV containers, packed BCD and the code
 * tables of the ZVT reference sheet (payment-zvt.md, "the sheet" below). No IO, no timers:
 * the driver, the simulator and the tests all build and read messages through this module.
 */

// ---------------------------------------------------------------------------------------------
// APDU

/** `command` is CLASS and INSTR as one 16-bit number (`0x0601` = authorisation), so tables and switches stay readable. */
export interface ZvtApdu {
	readonly command: number;
	readonly data: Uint8Array;
}

export const ZvtCommand = {
	// ECR -> PT
	registration: 0x0600,
	authorisation: 0x0601,
	logOff: 0x0602,
	repeatReceipt: 0x0620,
	reversal: 0x0630,
	refund: 0x0631,
	endOfDay: 0x0650,
	diagnosis: 0x0670,
	initialisation: 0x0693,
	resetTerminal: 0x0618,
	statusEnquiry: 0x0501,
	abort: 0x06b0,
	// both directions
	positiveAcknowledgement: 0x8000,
	// PT -> ECR
	intermediateStatus: 0x04ff,
	statusInformation: 0x040f,
	printLine: 0x06d1,
	printTextBlock: 0x06d3,
	completion: 0x060f,
	terminalAbort: 0x061e
} as const;

const NEGATIVE_ACKNOWLEDGEMENT_CLASS = 0x84;
const MAX_SHORT_LENGTH = 0xfe;
const EXTENDED_LENGTH_MARKER = 0xff;

export function apdu(command: number, data: Uint8Array | readonly number[] = []): ZvtApdu {
	if (!Number.isInteger(command) || command < 0 || command > 0xffff) throw new ZvtEncodeError(`command ${command} is not two bytes`);
	return { command, data: Uint8Array.from(data) };
}

/** `06 01` style, for logs and error messages. */
export function formatCommand(command: number): string {
	return [command >> 8, command & 0xff].map(hexByte).join(' ');
}

export function hexByte(value: number): string {
	return value.toString(16).toUpperCase().padStart(2, '0');
}

export function toHex(bytes: Uint8Array): string {
	return Array.from(bytes, hexByte).join(' ');
}

export function encodeApdu(message: ZvtApdu): Uint8Array {
	const length = message.data.length;
	if (length > 0xffff) throw new ZvtEncodeError(`${formatCommand(message.command)} carries ${length} bytes; ZVT allows at most 65535`);
	const header =
		length <= MAX_SHORT_LENGTH
			? [message.command >> 8, message.command & 0xff, length]
			: [message.command >> 8, message.command & 0xff, EXTENDED_LENGTH_MARKER, length & 0xff, length >> 8];
	const bytes = new Uint8Array(header.length + length);
	bytes.set(header, 0);
	bytes.set(message.data, header.length);
	return bytes;
}

/** Total bytes of the APDU at the start of `bytes`, or null while its header is incomplete. */
export function apduLength(bytes: Uint8Array): number | null {
	if (bytes.length < 3) return null;
	const length = bytes[2] ?? 0;
	if (length !== EXTENDED_LENGTH_MARKER) return 3 + length;
	if (bytes.length < 5) return null;
	return 5 + ((bytes[3] ?? 0) | ((bytes[4] ?? 0) << 8));
}

/** Reads exactly one APDU; trailing or missing bytes are errors. */
export function decodeApdu(bytes: Uint8Array): ZvtApdu {
	const total = apduLength(bytes);
	if (total === null) throw new ZvtDecodeError(`an APDU needs at least ${bytes.length < 3 ? 3 : 5} bytes, got ${bytes.length}`);
	const command = ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
	if (bytes.length !== total) throw new ZvtDecodeError(`${formatCommand(command)} announces ${total} bytes in all, got ${bytes.length}`);
	const headerLength = bytes[2] === EXTENDED_LENGTH_MARKER ? 5 : 3;
	return { command, data: bytes.slice(headerLength) };
}

/** `80 00 00`, and `84 00 00` which the sheet also counts as positive. */
export function isPositiveAcknowledgement(message: ZvtApdu): boolean {
	return message.data.length === 0 && (message.command === 0x8000 || message.command === 0x8400);
}

/** The error code of a negative acknowledgement `84 xx 00`, or null for anything else. */
export function negativeAcknowledgementCode(message: ZvtApdu): number | null {
	if (message.command >> 8 !== NEGATIVE_ACKNOWLEDGEMENT_CLASS || (message.command & 0xff) === 0 || message.data.length !== 0) return null;
	return message.command & 0xff;
}

export function isAcknowledgement(message: ZvtApdu): boolean {
	return isPositiveAcknowledgement(message) || negativeAcknowledgementCode(message) !== null;
}

export const POSITIVE_ACKNOWLEDGEMENT: ZvtApdu = apdu(ZvtCommand.positiveAcknowledgement);

export function negativeAcknowledgement(code: number): ZvtApdu {
	if (code <= 0 || code > 0xff) throw new ZvtEncodeError(`negative acknowledgement code ${code} is not 01..FF`);
	return apdu((NEGATIVE_ACKNOWLEDGEMENT_CLASS << 8) | code);
}

// ---------------------------------------------------------------------------------------------
// Reading bytes with typed errors

/** A cursor that throws ZvtDecodeError instead of reading past the end (noUncheckedIndexedAccess stays honest). */
class ByteReader {
	offset = 0;
	constructor(
		private readonly bytes: Uint8Array,
		private readonly context: string
	) {}

	get remaining(): number {
		return this.bytes.length - this.offset;
	}

	peek(): number | undefined {
		return this.bytes[this.offset];
	}

	byte(): number {
		const value = this.bytes[this.offset];
		if (value === undefined) throw new ZvtDecodeError(`${this.context}: truncated at byte ${this.offset}`);
		this.offset++;
		return value;
	}

	take(length: number): Uint8Array {
		if (this.remaining < length) throw new ZvtDecodeError(`${this.context}: needs ${length} bytes at byte ${this.offset}, ${this.remaining} left`);
		const value = this.bytes.slice(this.offset, this.offset + length);
		this.offset += length;
		return value;
	}

	rest(): Uint8Array {
		return this.take(this.remaining);
	}
}

// ---------------------------------------------------------------------------------------------
// Packed BCD

/** Each nibble as a hex digit, upper case: receipt number `FF FF` (the sheet's "no receipt") reads as `FFFF`, not as an error. */
export function decodeBcdDigits(bytes: Uint8Array): string {
	return Array.from(bytes, hexByte).join('');
}

export function decodeBcdNumber(bytes: Uint8Array): number {
	const digits = decodeBcdDigits(bytes);
	if (!/^\d+$/.test(digits)) throw new ZvtDecodeError(`BCD field ${digits} has a nibble above 9`);
	return Number(digits);
}

export function encodeBcdDigits(digits: string, byteLength: number): Uint8Array {
	if (!/^\d*$/.test(digits)) throw new ZvtEncodeError('BCD fields take decimal digits only');
	if (digits.length > byteLength * 2) throw new ZvtEncodeError(`${digits.length} digits do not fit ${byteLength} BCD bytes`);
	const padded = digits.padStart(byteLength * 2, '0');
	const bytes = new Uint8Array(byteLength);
	for (let i = 0; i < byteLength; i++) bytes[i] = Number.parseInt(padded.slice(i * 2, i * 2 + 2), 16);
	return bytes;
}

export function encodeBcdNumber(value: number, byteLength: number): Uint8Array {
	if (!Number.isSafeInteger(value) || value < 0) throw new ZvtEncodeError(`${value} is not a whole number of zero or more`);
	return encodeBcdDigits(String(value), byteLength);
}

export const AMOUNT_BYTES = 6;
export const MAX_AMOUNT_CENTS = 999_999_999_999;

/** Amounts are 6 BCD bytes in cents: 2500 <-> `00 00 00 00 25 00`. */
export function encodeAmount(cents: number): Uint8Array {
	if (!Number.isSafeInteger(cents) || cents < 0 || cents > MAX_AMOUNT_CENTS) throw new ZvtEncodeError(`amount ${cents} is not a whole number of cents in 0..${MAX_AMOUNT_CENTS}`);
	return encodeBcdNumber(cents, AMOUNT_BYTES);
}

export function decodeAmount(bytes: Uint8Array): number {
	if (bytes.length !== AMOUNT_BYTES) throw new ZvtDecodeError(`an amount is ${AMOUNT_BYTES} BCD bytes, got ${bytes.length}`);
	return decodeBcdNumber(bytes);
}

/** ISO 4217 numeric codes for the currencies a library kiosk in the ZVT countries meets. Any other numeric code is accepted as a number. */
export const CURRENCY_NUMERIC = { EUR: 978, CHF: 756, GBP: 826, USD: 840, DKK: 208, SEK: 752, NOK: 578, PLN: 985, CZK: 203 } as const;
export type CurrencyAlphaCode = keyof typeof CURRENCY_NUMERIC;
export type ZvtCurrency = CurrencyAlphaCode | number;

export function currencyNumber(currency: ZvtCurrency): number {
	const numeric = typeof currency === 'number' ? currency : CURRENCY_NUMERIC[currency];
	if (!Number.isInteger(numeric) || numeric < 1 || numeric > 999) throw new ZvtEncodeError(`currency ${currency} is not an ISO 4217 numeric code`);
	return numeric;
}

/** Currency is 2 BCD bytes of the ISO 4217 number: EUR 978 <-> `09 78`. */
export function encodeCurrency(currency: ZvtCurrency): Uint8Array {
	return encodeBcdNumber(currencyNumber(currency), 2);
}

/** The 6-digit ECR password as 3 BCD bytes: `123456` <-> `12 34 56`. */
export function encodePassword(password: string): Uint8Array {
	if (!/^\d{6}$/.test(password)) throw new ZvtEncodeError('the terminal password is six digits');
	return encodeBcdDigits(password, 3);
}

// ---------------------------------------------------------------------------------------------
// LLVAR / LLLVAR lengths: one `F0|digit` byte per decimal digit

export function encodeVariableLength(length: number, digits: 2 | 3): Uint8Array {
	if (!Number.isInteger(length) || length < 0 || length >= 10 ** digits) throw new ZvtEncodeError(`length ${length} does not fit ${digits === 2 ? 'LLVAR' : 'LLLVAR'}`);
	const text = String(length).padStart(digits, '0');
	return Uint8Array.from(text, (digit) => 0xf0 | Number(digit));
}

function readVariableLength(reader: ByteReader, digits: 2 | 3): number {
	let length = 0;
	for (let i = 0; i < digits; i++) {
		const byte = reader.byte();
		if (byte >> 4 !== 0xf || (byte & 0x0f) > 9) throw new ZvtDecodeError(`length byte ${hexByte(byte)} is not F0..F9`);
		length = length * 10 + (byte & 0x0f);
	}
	return length;
}

export function decodeVariableLength(bytes: Uint8Array, digits: 2 | 3): number {
	return readVariableLength(new ByteReader(bytes, digits === 2 ? 'LLVAR length' : 'LLLVAR length'), digits);
}

// ---------------------------------------------------------------------------------------------
// BER-TLV (the content of BMP 06)

export interface TlvObject {
	/** One or two bytes as a number: `0x24`, `0x1F07`. */
	readonly tag: number;
	readonly value: Uint8Array;
	/** Decoded content of a constructed tag (bit 0x20 of its first byte), else null. */
	readonly children: readonly TlvObject[] | null;
}

export type TlvInput = { tag: number; value: Uint8Array } | { tag: number; children: readonly TlvInput[] };

export const TlvTag = {
	textLine: 0x07,
	endOfReceipt: 0x09,
	displayTexts: 0x24,
	printTexts: 0x25,
	receiptType: 0x1f07
} as const;

export function encodeBerLength(length: number): Uint8Array {
	if (!Number.isInteger(length) || length < 0 || length > 0xffff) throw new ZvtEncodeError(`TLV length ${length} is not 0..65535`);
	if (length < 0x80) return Uint8Array.of(length);
	if (length <= 0xff) return Uint8Array.of(0x81, length);
	return Uint8Array.of(0x82, length >> 8, length & 0xff);
}

function readBerLength(reader: ByteReader): number {
	const first = reader.byte();
	if (first < 0x80) return first;
	if (first === 0x81) return reader.byte();
	if (first === 0x82) return (reader.byte() << 8) | reader.byte();
	throw new ZvtDecodeError(`TLV length byte ${hexByte(first)} is not < 80, 81 or 82`);
}

function tagBytes(tag: number): Uint8Array {
	if (tag > 0xff) {
		if (tag > 0xffff || (tag >> 8 & 0x1f) !== 0x1f) throw new ZvtEncodeError(`TLV tag ${tag.toString(16)} is not a valid two-byte tag`);
		return Uint8Array.of(tag >> 8, tag & 0xff);
	}
	if ((tag & 0x1f) === 0x1f) throw new ZvtEncodeError(`TLV tag ${hexByte(tag)} announces a second tag byte`);
	return Uint8Array.of(tag);
}

function isConstructed(tag: number): boolean {
	const first = tag > 0xff ? tag >> 8 : tag;
	return (first & 0x20) !== 0;
}

export function encodeTlv(objects: readonly TlvInput[]): Uint8Array {
	const parts: Uint8Array[] = [];
	for (const object of objects) {
		const value = 'children' in object ? encodeTlv(object.children) : object.value;
		parts.push(tagBytes(object.tag), encodeBerLength(value.length), value);
	}
	return concatBytes(parts);
}

export function decodeTlv(bytes: Uint8Array): TlvObject[] {
	const reader = new ByteReader(bytes, 'TLV');
	const objects: TlvObject[] = [];
	while (reader.remaining > 0) {
		let tag = reader.byte();
		if ((tag & 0x1f) === 0x1f) tag = (tag << 8) | reader.byte();
		const value = reader.take(readBerLength(reader));
		objects.push({ tag, value, children: isConstructed(tag) ? decodeTlv(value) : null });
	}
	return objects;
}

/** Depth-first, so a caller need not know which container a terminal nests a tag in. */
export function findTlv(objects: readonly TlvObject[], tag: number): TlvObject | undefined {
	for (const object of objects) {
		if (object.tag === tag) return object;
		const inner = object.children ? findTlv(object.children, tag) : undefined;
		if (inner) return inner;
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// BMP fields

export type BmpFormat = { kind: 'fixed'; length: number } | { kind: 'llvar' } | { kind: 'lllvar' } | { kind: 'tlv' };

const fixed = (length: number): BmpFormat => ({ kind: 'fixed', length });
const LLVAR: BmpFormat = { kind: 'llvar' };
const LLLVAR: BmpFormat = { kind: 'lllvar' };

/**
 * A BMP's length is implied by its number, so an unknown number makes the rest of the message
 * unreadable: the table covers the sheet's BMPs plus the common ones terminals add unasked.
 */
export const BMP_FORMATS: ReadonlyMap<number, BmpFormat> = new Map<number, BmpFormat>([
	[0x01, fixed(1)], // timeout
	[0x02, fixed(1)], // max. status infos
	[0x03, fixed(1)], // service byte
	[0x04, fixed(6)], // amount
	[0x05, fixed(1)], // pump number
	[0x06, { kind: 'tlv' }],
	[0x0b, fixed(3)], // trace number
	[0x0c, fixed(3)], // time
	[0x0d, fixed(2)], // date
	[0x0e, fixed(2)], // expiry
	[0x17, fixed(2)], // card sequence number
	[0x19, fixed(1)], // payment type / status byte
	[0x22, LLVAR], // PAN / EF_ID
	[0x23, LLVAR], // track 2
	[0x24, LLLVAR], // track 3
	[0x27, fixed(1)], // result code
	[0x29, fixed(4)], // terminal id
	[0x2a, fixed(15)], // VU number
	[0x2d, LLVAR], // track 1
	[0x37, fixed(3)], // original trace number
	[0x3a, fixed(2)], // CVV
	[0x3b, fixed(8)], // authorisation attribute
	[0x3c, LLLVAR], // additional text
	[0x3d, fixed(3)], // password
	[0x49, fixed(2)], // currency
	[0x60, LLLVAR], // individual totals
	[0x87, fixed(2)], // receipt number
	[0x88, fixed(3)], // turnover record number
	[0x8a, fixed(1)], // ZVT card type
	[0x8b, LLVAR], // card name
	[0x8c, fixed(1)], // card type id of the network operator
	[0x92, LLLVAR], // additional data ec-Cash
	[0x9a, LLLVAR], // Geldkarte payment record
	[0xa0, fixed(1)], // result code AS
	[0xa7, LLVAR], // chip data EF_ID
	[0xaa, fixed(3)], // date YYMMDD
	[0xaf, LLLVAR], // EF_Info
	[0xba, fixed(5)] // AID parameter
]);

export interface BmpField {
	readonly bmp: number;
	/** Without its LL/LLL/BER length prefix. */
	readonly value: Uint8Array;
}

export function encodeBmp(bmp: number, value: Uint8Array): Uint8Array {
	const format = BMP_FORMATS.get(bmp);
	if (!format) throw new ZvtEncodeError(`BMP ${hexByte(bmp)} is not in the BMP table`);
	switch (format.kind) {
		case 'fixed':
			if (value.length !== format.length) throw new ZvtEncodeError(`BMP ${hexByte(bmp)} is ${format.length} bytes, got ${value.length}`);
			return concatBytes([Uint8Array.of(bmp), value]);
		case 'llvar':
			return concatBytes([Uint8Array.of(bmp), encodeVariableLength(value.length, 2), value]);
		case 'lllvar':
			return concatBytes([Uint8Array.of(bmp), encodeVariableLength(value.length, 3), value]);
		case 'tlv':
			return concatBytes([Uint8Array.of(bmp), encodeBerLength(value.length), value]);
	}
}

function readBmps(reader: ByteReader): BmpField[] {
	const fields: BmpField[] = [];
	while (reader.remaining > 0) {
		const bmp = reader.byte();
		const format = BMP_FORMATS.get(bmp);
		if (!format) throw new ZvtDecodeError(`unknown BMP ${hexByte(bmp)} at byte ${reader.offset - 1}`);
		const length =
			format.kind === 'fixed' ? format.length : format.kind === 'llvar' ? readVariableLength(reader, 2) : format.kind === 'lllvar' ? readVariableLength(reader, 3) : readBerLength(reader);
		fields.push({ bmp, value: reader.take(length) });
	}
	return fields;
}

export function decodeBmps(data: Uint8Array): BmpField[] {
	return readBmps(new ByteReader(data, 'BMP list'));
}

// ---------------------------------------------------------------------------------------------
// Text

/** Code page 437 unless another character set was agreed (TLV tag 14 at registration). */
export const DEFAULT_TEXT_ENCODING = 'cp437';

export function decodeText(bytes: Uint8Array, encoding = DEFAULT_TEXT_ENCODING): string {
	return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

export function encodeText(text: string, encoding = DEFAULT_TEXT_ENCODING): Uint8Array {
	return new Uint8Array(iconv.encode(text, encoding));
}

/** Fixed-length ASCII BMPs are padded with spaces or NULs; neither is part of the value. */
function decodePaddedText(bytes: Uint8Array, encoding: string): string {
	return decodeText(bytes, encoding).replace(/[\0 ]+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Code tables (sheet §6)

export interface ZvtCodeDescription {
	readonly code: number;
	/** Stable, language-neutral id for the kiosk's own translations. */
	readonly id: string;
	/** English text from the sheet, for logs and the technician page. */
	readonly text: string;
}

const INTERMEDIATE_STATUSES = new Map<number, [id: string, text: string]>([
	[0x00, ['confirm-amount', 'waiting for amount confirmation']],
	[0x01, ['watch-pin-pad', 'watch the PIN pad']],
	[0x02, ['watch-pin-pad', 'watch the PIN pad']],
	[0x03, ['not-accepted', 'not accepted']],
	[0x04, ['waiting-for-host', 'waiting for host response']],
	[0x07, ['card-not-admitted', 'card not admitted']],
	[0x08, ['card-unknown', 'card unknown']],
	[0x09, ['card-expired', 'card expired']],
	[0x0a, ['insert-card', 'insert card']],
	[0x0b, ['remove-card', 'remove card']],
	[0x0c, ['card-not-readable', 'card not readable']],
	[0x0d, ['processing-error', 'processing error']],
	[0x0e, ['please-wait', 'please wait']],
	[0x10, ['invalid-card', 'invalid card']],
	[0x12, ['system-malfunction', 'system malfunction']],
	[0x13, ['payment-not-possible', 'payment not possible']],
	[0x14, ['credit-not-sufficient', 'credit not sufficient']],
	[0x15, ['incorrect-pin', 'incorrect PIN']],
	[0x17, ['please-wait', 'please wait']],
	[0x18, ['pin-try-limit-exceeded', 'PIN try limit exceeded']],
	[0x19, ['card-data-incorrect', 'card data incorrect']],
	[0x1c, ['approved-take-goods', 'approved, take goods']],
	[0x1d, ['declined', 'declined']],
	[0x43, ['not-accepted-remove-card', 'not accepted, remove card']],
	[0x4d, ['processing-error', 'processing error']],
	[0x55, ['incorrect-pin-remove-card', 'incorrect PIN, remove card']]
]);

/** Sheet §6 intermediate status (`04 FF`). Vendor deviations belong in a per-terminal profile on top of this. */
export function describeIntermediateStatus(code: number): ZvtCodeDescription {
	const [id, text] = INTERMEDIATE_STATUSES.get(code) ?? ['unknown', `status ${hexByte(code)}`];
	return { code, id, text };
}

const RESULT_CODES = new Map<number, [id: string, text: string]>([
	[0x00, ['success', 'no error']],
	[0x64, ['card-not-readable', 'card not readable']],
	[0x65, ['card-data-not-present', 'card data not present']],
	[0x66, ['processing-error', 'processing error']],
	[0x67, ['not-permitted-for-girocard', 'not permitted for girocard/Maestro']],
	[0x68, ['not-permitted-for-credit-cards', 'not permitted for credit cards']],
	[0x6a, ['turnover-file-full', 'turnover file full']],
	[0x6b, ['function-deactivated', 'function deactivated (PT not registered)']],
	[0x6c, ['cancelled', 'abort via timeout or abort key']],
	[0x6e, ['card-blocked', 'card blocked']],
	[0x6f, ['wrong-currency', 'wrong currency']],
	[0x71, ['credit-not-sufficient', 'credit not sufficient']],
	[0x72, ['chip-error', 'chip error']],
	[0x73, ['card-data-incorrect', 'card data incorrect']],
	[0x77, ['end-of-day-not-possible', 'end-of-day not possible']],
	[0x78, ['card-expired', 'card expired']],
	[0x79, ['card-not-yet-valid', 'card not yet valid']],
	[0x7a, ['card-unknown', 'card unknown']],
	[0x7d, ['communication-error', 'communication error']],
	[0x83, ['function-not-possible', 'function not possible']],
	[0x85, ['key-missing', 'key missing']],
	[0x89, ['pin-pad-defective', 'PIN pad defective']],
	[0x9a, ['protocol-error', 'ZVT protocol error']],
	[0x9b, ['communication-fault', 'dial-up/communication fault']],
	[0x9c, ['please-wait', 'please wait']],
	[0xa0, ['receiver-not-ready', 'receiver not ready']],
	[0xa1, ['remote-station-not-responding', 'remote station does not respond']],
	[0xa3, ['no-connection', 'no connection']],
	[0xb1, ['memory-full', 'memory full']],
	[0xb4, ['already-reversed', 'already reversed']],
	[0xb5, ['reversal-not-possible', 'reversal not possible']],
	[0xb8, ['pre-authorisation-error', 'pre-authorisation error']],
	[0xc3, ['maximum-amount-exceeded', 'maximum amount exceeded']],
	[0xc5, ['payment-method-not-supported', 'payment method not supported']],
	[0xc6, ['currency-not-applicable', 'currency not applicable']],
	[0xc8, ['amount-too-small', 'amount too small']],
	[0xcc, ['printer-not-ready', 'printer not ready']],
	[0xdc, ['card-inserted', 'card inserted']],
	[0xe2, ['card-reader-defective', 'card reader defective']],
	[0xf0, ['open-end-of-day-batch', 'open end-of-day batch present']],
	[0xff, ['system-error', 'system error']]
]);

export const RESULT_CODE_SUCCESS = 0x00;
export const RESULT_CODE_CANCELLED = 0x6c;
export const RESULT_CODE_NOT_REGISTERED = 0x6b;
export const RESULT_CODE_FUNCTION_NOT_POSSIBLE = 0x83;
export const RESULT_CODE_PROTOCOL_ERROR = 0x9a;

/** Sheet §6 result code (BMP 27, `06 1E`, `84 xx`). Host codes 01..63 are one generic decline: the patron is told no more. */
export function describeResultCode(code: number): ZvtCodeDescription {
	if (code >= 0x01 && code <= 0x63) return { code, id: 'declined-by-host', text: 'declined' };
	const [id, text] = RESULT_CODES.get(code) ?? ['unknown', `result code ${hexByte(code)}`];
	return { code, id, text };
}

/** Status byte of the registration completion (BMP 19), sheet §4. */
export const TerminalStatusFlag = {
	initialisationNeeded: 0x01,
	diagnosisNeeded: 0x02,
	optActionNeeded: 0x04,
	fillingStationMode: 0x08,
	vendingMachineMode: 0x10
} as const;

const OUT_OF_SERVICE_FLAGS = TerminalStatusFlag.initialisationNeeded | TerminalStatusFlag.diagnosisNeeded | TerminalStatusFlag.optActionNeeded;

export function needsStaffAttention(statusByte: number | null): boolean {
	return statusByte !== null && (statusByte & OUT_OF_SERVICE_FLAGS) !== 0;
}

/** Config byte bits (sheet §4). */
export const ConfigFlag = {
	ecrPrintsPaymentReceipts: 0x02,
	ecrPrintsAdministrationReceipts: 0x04,
	intermediateStatus: 0x08,
	ecrControlsPayment: 0x10,
	ecrControlsAdministration: 0x20,
	ptSendsReceiptLines: 0x80
} as const;

export const PAYMENT_TYPES: ReadonlyMap<number, string> = new Map([
	[0x40, 'offline'],
	[0x50, 'card-checked-no-authorisation'],
	[0x60, 'online'],
	[0x70, 'pin']
]);

export const ZVT_CARD_TYPES: ReadonlyMap<number, string> = new Map([
	[0x05, 'girocard'],
	[0x06, 'Mastercard'],
	[0x08, 'American Express'],
	[0x0a, 'Visa'],
	[0x0b, 'Visa Electron'],
	[0x0c, 'Diners'],
	[0x0d, 'V PAY'],
	[0x0e, 'JCB'],
	[0x2e, 'Maestro']
]);

// ---------------------------------------------------------------------------------------------
// ECR -> PT commands

export interface RegistrationRequest {
	password: string;
	configByte: number;
	currency?: ZvtCurrency | null;
	serviceByte?: number | null;
	tlv?: readonly TlvInput[] | null;
}

export function encodeRegistration(request: RegistrationRequest): ZvtApdu {
	assertByte(request.configByte, 'config byte');
	const parts = [encodePassword(request.password), Uint8Array.of(request.configByte)];
	if (request.currency != null) parts.push(encodeCurrency(request.currency));
	if (request.serviceByte != null) parts.push(encodeBmp(0x03, Uint8Array.of(assertByte(request.serviceByte, 'service byte'))));
	if (request.tlv) parts.push(encodeBmp(0x06, encodeTlv(request.tlv)));
	return apdu(ZvtCommand.registration, concatBytes(parts));
}

export interface DecodedRegistration {
	password: string;
	configByte: number;
	currency: number | null;
	serviceByte: number | null;
	tlv: TlvObject[] | null;
}

export function decodeRegistration(data: Uint8Array): DecodedRegistration {
	const reader = new ByteReader(data, 'registration');
	const password = decodeBcdDigits(reader.take(3));
	const configByte = reader.byte();
	// The currency has no BMP number, so `03`/`06` after the config byte could start either; a
	// BMP reading that consumes the rest exactly wins, otherwise the first two bytes are the currency.
	let currency: number | null = null;
	const rest = data.slice(reader.offset);
	if (rest.length >= 2 && !parsesAsBmps(rest)) currency = decodeBcdNumber(reader.take(2));
	const fields = readBmps(reader);
	return {
		password,
		configByte,
		currency,
		serviceByte: firstByte(fields, 0x03),
		tlv: tlvOf(fields)
	};
}

export interface AuthorisationRequest {
	amountCents: number;
	currency?: ZvtCurrency | null;
	paymentType?: number | null;
	maxStatusInfos?: number | null;
	timeoutSeconds?: number | null;
	tlv?: readonly TlvInput[] | null;
}

/** BMP order as in the sheet and the captures: 04, 49, 19, 02, 01, 06. */
export function encodeAuthorisation(request: AuthorisationRequest): ZvtApdu {
	const parts = [encodeBmp(0x04, encodeAmount(request.amountCents))];
	if (request.currency != null) parts.push(encodeBmp(0x49, encodeCurrency(request.currency)));
	if (request.paymentType != null) parts.push(encodeBmp(0x19, Uint8Array.of(assertByte(request.paymentType, 'payment type'))));
	if (request.maxStatusInfos != null) parts.push(encodeBmp(0x02, Uint8Array.of(assertByte(request.maxStatusInfos, 'max status infos'))));
	if (request.timeoutSeconds != null) parts.push(encodeBmp(0x01, Uint8Array.of(assertByte(request.timeoutSeconds, 'timeout'))));
	if (request.tlv) parts.push(encodeBmp(0x06, encodeTlv(request.tlv)));
	return apdu(ZvtCommand.authorisation, concatBytes(parts));
}

export interface DecodedAuthorisation {
	amountCents: number | null;
	currency: number | null;
	paymentType: number | null;
	maxStatusInfos: number | null;
	timeoutSeconds: number | null;
	tlv: TlvObject[] | null;
}

export function decodeAuthorisation(data: Uint8Array): DecodedAuthorisation {
	const fields = decodeBmps(data);
	const amount = fieldValue(fields, 0x04);
	const currency = fieldValue(fields, 0x49);
	return {
		amountCents: amount ? decodeAmount(amount) : null,
		currency: currency ? decodeBcdNumber(currency) : null,
		paymentType: firstByte(fields, 0x19),
		maxStatusInfos: firstByte(fields, 0x02),
		timeoutSeconds: firstByte(fields, 0x01),
		tlv: tlvOf(fields)
	};
}

function passwordCommand(command: number, password: string, extra: Uint8Array[] = []): ZvtApdu {
	return apdu(command, concatBytes([encodePassword(password), ...extra]));
}

export function encodeStatusEnquiry(password: string, serviceByte: number | null = null): ZvtApdu {
	return passwordCommand(ZvtCommand.statusEnquiry, password, serviceByte === null ? [] : [encodeBmp(0x03, Uint8Array.of(assertByte(serviceByte, 'service byte')))]);
}

export function encodeEndOfDay(password: string): ZvtApdu {
	return passwordCommand(ZvtCommand.endOfDay, password);
}

export function encodeRepeatReceipt(password: string): ZvtApdu {
	return passwordCommand(ZvtCommand.repeatReceipt, password);
}

export function encodeInitialisation(password: string): ZvtApdu {
	return passwordCommand(ZvtCommand.initialisation, password);
}

/** Reversal of a booked payment by its receipt number (before end-of-day). */
export function encodeReversal(password: string, receiptNumber: string | null = null): ZvtApdu {
	return passwordCommand(ZvtCommand.reversal, password, receiptNumber === null ? [] : [encodeBmp(0x87, encodeBcdDigits(receiptNumber, 2))]);
}

export function encodeRefund(password: string, amountCents: number | null = null, currency: ZvtCurrency | null = null): ZvtApdu {
	const extra: Uint8Array[] = [];
	if (amountCents !== null) extra.push(encodeBmp(0x04, encodeAmount(amountCents)));
	if (currency !== null) extra.push(encodeBmp(0x49, encodeCurrency(currency)));
	return passwordCommand(ZvtCommand.refund, password, extra);
}

export const ABORT_REQUEST: ZvtApdu = apdu(ZvtCommand.abort);
export const LOG_OFF: ZvtApdu = apdu(ZvtCommand.logOff);
export const DIAGNOSIS: ZvtApdu = apdu(ZvtCommand.diagnosis);
export const RESET_TERMINAL: ZvtApdu = apdu(ZvtCommand.resetTerminal);

/** The password of a password-led command, for a simulator checking what it was sent. */
export function decodePasswordField(data: Uint8Array): string {
	return decodeBcdDigits(new ByteReader(data, 'password').take(3));
}

// ---------------------------------------------------------------------------------------------
// PT -> ECR messages

export interface IntermediateStatus {
	code: number;
	/** How long the PT waits in this state, when it says so. */
	timeoutSeconds: number | null;
	/** The terminal's own display text (TLV 24 / 07), one entry a line; empty when it sent only the code. */
	displayLines: string[];
}

export function encodeIntermediateStatus(status: { code: number; timeoutSeconds?: number | null; displayLines?: readonly string[] }, encoding = DEFAULT_TEXT_ENCODING): ZvtApdu {
	const lines = status.displayLines ?? [];
	const parts: Uint8Array[] = [Uint8Array.of(assertByte(status.code, 'status'))];
	// The timeout has no BMP number; it must be present whenever a TLV follows, or `06` would read as a timeout.
	if (status.timeoutSeconds != null || lines.length > 0) parts.push(encodeBcdNumber(status.timeoutSeconds ?? 0, 1));
	if (lines.length > 0) {
		const tlv = encodeTlv([{ tag: TlvTag.displayTexts, children: lines.map((line) => ({ tag: TlvTag.textLine, value: encodeText(line, encoding) })) }]);
		parts.push(encodeBmp(0x06, tlv));
	}
	return apdu(ZvtCommand.intermediateStatus, concatBytes(parts));
}

export function decodeIntermediateStatus(data: Uint8Array, encoding = DEFAULT_TEXT_ENCODING): IntermediateStatus {
	const reader = new ByteReader(data, 'intermediate status');
	const code = reader.byte();
	let timeoutSeconds: number | null = null;
	if (reader.remaining > 0) {
		const timeout = reader.byte();
		// Captures and implementations disagree on BCD vs binary; BCD when it reads as BCD.
		timeoutSeconds = (timeout & 0x0f) <= 9 && timeout >> 4 <= 9 ? decodeBcdNumber(Uint8Array.of(timeout)) : timeout;
	}
	const fields = readBmps(reader);
	const tlv = tlvOf(fields);
	const displayTexts = tlv ? findTlv(tlv, TlvTag.displayTexts) : undefined;
	const displayLines = (displayTexts?.children ?? []).filter((line) => line.tag === TlvTag.textLine).map((line) => decodeText(line.value, encoding));
	return { code, timeoutSeconds, displayLines };
}

export interface PrintLine {
	attribute: number;
	text: string;
}

export function encodePrintLine(line: PrintLine, encoding = DEFAULT_TEXT_ENCODING): ZvtApdu {
	return apdu(ZvtCommand.printLine, concatBytes([Uint8Array.of(assertByte(line.attribute, 'print attribute')), encodeText(line.text, encoding)]));
}

export function decodePrintLine(data: Uint8Array, encoding = DEFAULT_TEXT_ENCODING): PrintLine {
	const reader = new ByteReader(data, 'print line');
	return { attribute: reader.byte(), text: decodeText(reader.rest(), encoding) };
}

export interface PrintTextBlock {
	/** TLV 1F07: 1 merchant, 2 customer, 3 administration; null when the PT leaves it out. */
	receiptType: number | null;
	lines: string[];
}

export function encodePrintTextBlock(block: PrintTextBlock, encoding = DEFAULT_TEXT_ENCODING): ZvtApdu {
	const objects: TlvInput[] = [];
	if (block.receiptType !== null) objects.push({ tag: TlvTag.receiptType, value: Uint8Array.of(assertByte(block.receiptType, 'receipt type')) });
	objects.push({ tag: TlvTag.printTexts, children: block.lines.map((line) => ({ tag: TlvTag.textLine, value: encodeText(line, encoding) })) });
	return apdu(ZvtCommand.printTextBlock, encodeBmp(0x06, encodeTlv(objects)));
}

export function decodePrintTextBlock(data: Uint8Array, encoding = DEFAULT_TEXT_ENCODING): PrintTextBlock {
	const tlv = tlvOf(decodeBmps(data)) ?? [];
	const receiptType = findTlv(tlv, TlvTag.receiptType)?.value[0] ?? null;
	const printTexts = findTlv(tlv, TlvTag.printTexts);
	const lines = (printTexts?.children ?? []).filter((line) => line.tag === TlvTag.textLine).map((line) => decodeText(line.value, encoding));
	return { receiptType, lines };
}

/** The transaction result `04 0F` (sheet §5), every field optional as terminals send what they have. */
export interface StatusInformation {
	resultCode: number | null;
	amountCents: number | null;
	currency: number | null;
	traceNumber: string | null;
	originalTraceNumber: string | null;
	/** `HH:MM:SS` */
	time: string | null;
	/** `MM-DD` (ZVT sends no year) */
	date: string | null;
	/** `YY/MM` */
	expiry: string | null;
	cardSequenceNumber: string | null;
	paymentType: number | null;
	/** Masked: digits the PT hid (nibble E) are `*`, and any middle digit it did not hide is masked here too. */
	maskedPan: string | null;
	terminalId: string | null;
	vuNumber: string | null;
	/** The approval code, without its NUL padding. */
	authorisationAttribute: string | null;
	additionalText: string | null;
	/** Individual totals of an end-of-day, undecoded (vendor layouts differ). */
	individualTotals: Uint8Array | null;
	receiptNumber: string | null;
	turnoverRecordNumber: string | null;
	zvtCardType: number | null;
	cardName: string | null;
	cardTypeId: number | null;
	tlv: TlvObject[] | null;
}

export function decodeStatusInformation(data: Uint8Array, encoding = DEFAULT_TEXT_ENCODING): StatusInformation {
	const fields = decodeBmps(data);
	const value = (bmp: number) => fieldValue(fields, bmp);
	const digits = (bmp: number) => {
		const bytes = value(bmp);
		return bytes ? decodeBcdDigits(bytes) : null;
	};
	const text = (bmp: number) => {
		const bytes = value(bmp);
		return bytes ? decodePaddedText(bytes, encoding) : null;
	};
	const amount = value(0x04);
	const currency = value(0x49);
	const time = digits(0x0c);
	const date = digits(0x0d);
	const expiry = digits(0x0e);
	const pan = value(0x22);
	return {
		resultCode: firstByte(fields, 0x27),
		amountCents: amount ? decodeAmount(amount) : null,
		currency: currency ? decodeBcdNumber(currency) : null,
		traceNumber: digits(0x0b),
		originalTraceNumber: digits(0x37),
		time: time ? `${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}` : null,
		date: date ? `${date.slice(0, 2)}-${date.slice(2, 4)}` : null,
		expiry: expiry ? `${expiry.slice(0, 2)}/${expiry.slice(2, 4)}` : null,
		cardSequenceNumber: digits(0x17),
		paymentType: firstByte(fields, 0x19),
		maskedPan: pan ? decodeMaskedPan(pan) : null,
		terminalId: digits(0x29),
		vuNumber: text(0x2a),
		authorisationAttribute: text(0x3b),
		additionalText: text(0x3c),
		individualTotals: value(0x60),
		receiptNumber: digits(0x87),
		turnoverRecordNumber: digits(0x88),
		zvtCardType: firstByte(fields, 0x8a),
		cardName: text(0x8b),
		cardTypeId: firstByte(fields, 0x8c),
		tlv: tlvOf(fields)
	};
}

export interface StatusInformationInput {
	resultCode: number;
	amountCents?: number;
	currency?: ZvtCurrency;
	/** `HHMMSS` / `MMDD` / `YYMM` digits. */
	time?: string;
	date?: string;
	expiry?: string;
	/** Digits with `*` for the digits the PT hides. */
	maskedPan?: string;
	receiptNumber?: string;
	authorisationAttribute?: string;
	traceNumber?: string;
	paymentType?: number;
	terminalId?: string;
	zvtCardType?: number;
	cardTypeId?: number;
	cardName?: string;
	vuNumber?: string;
	additionalText?: string;
}

/** BMP order of the FEIG capture in the sheet, so simulated traffic looks like the real thing. */
export function encodeStatusInformation(info: StatusInformationInput, encoding = DEFAULT_TEXT_ENCODING): ZvtApdu {
	const parts = [encodeBmp(0x27, Uint8Array.of(assertByte(info.resultCode, 'result code')))];
	if (info.amountCents !== undefined) parts.push(encodeBmp(0x04, encodeAmount(info.amountCents)));
	if (info.currency !== undefined) parts.push(encodeBmp(0x49, encodeCurrency(info.currency)));
	if (info.time !== undefined) parts.push(encodeBmp(0x0c, encodeBcdDigits(info.time, 3)));
	if (info.date !== undefined) parts.push(encodeBmp(0x0d, encodeBcdDigits(info.date, 2)));
	if (info.maskedPan !== undefined) parts.push(encodeBmp(0x22, encodeMaskedPan(info.maskedPan)));
	if (info.receiptNumber !== undefined) parts.push(encodeBmp(0x87, encodeBcdDigits(info.receiptNumber, 2)));
	if (info.authorisationAttribute !== undefined) parts.push(encodeBmp(0x3b, padBytes(encodeText(info.authorisationAttribute, encoding), 8, 0x00)));
	if (info.traceNumber !== undefined) parts.push(encodeBmp(0x0b, encodeBcdDigits(info.traceNumber, 3)));
	if (info.paymentType !== undefined) parts.push(encodeBmp(0x19, Uint8Array.of(assertByte(info.paymentType, 'payment type'))));
	if (info.terminalId !== undefined) parts.push(encodeBmp(0x29, encodeBcdDigits(info.terminalId, 4)));
	if (info.expiry !== undefined) parts.push(encodeBmp(0x0e, encodeBcdDigits(info.expiry, 2)));
	if (info.zvtCardType !== undefined) parts.push(encodeBmp(0x8a, Uint8Array.of(assertByte(info.zvtCardType, 'card type'))));
	if (info.cardTypeId !== undefined) parts.push(encodeBmp(0x8c, Uint8Array.of(assertByte(info.cardTypeId, 'card type id'))));
	if (info.cardName !== undefined) parts.push(encodeBmp(0x8b, concatBytes([encodeText(info.cardName, encoding), Uint8Array.of(0)])));
	if (info.vuNumber !== undefined) parts.push(encodeBmp(0x2a, padBytes(encodeText(info.vuNumber, encoding), 15, 0x20)));
	if (info.additionalText !== undefined) parts.push(encodeBmp(0x3c, encodeText(info.additionalText, encoding)));
	return apdu(ZvtCommand.statusInformation, concatBytes(parts));
}

/** PAN digits in BCD with `E` for a masked digit and `F` as padding: `55 98 83 EE EE EE 80 74` -> `559883******8074`. */
export function decodeMaskedPan(bytes: Uint8Array): string {
	const nibbles = decodeBcdDigits(bytes).replace(/F+$/, '');
	if (!/^[0-9E]*$/.test(nibbles)) throw new ZvtDecodeError('PAN holds a nibble other than 0-9, E (masked) or trailing F');
	return maskPan(nibbles.replace(/E/g, '*'));
}

/**
 * Keeps at most the first 6 and last 4 digits (PCI DSS display rule). The sheet says the PAN
 * arrives masked; this holds even for a terminal profile that forgets to mask.
 */
export function maskPan(pan: string): string {
	if (pan.length <= 10) return pan;
	return pan.slice(0, 6) + '*'.repeat(pan.length - 10) + pan.slice(-4);
}

export function encodeMaskedPan(maskedPan: string): Uint8Array {
	if (!/^[0-9*]+$/.test(maskedPan)) throw new ZvtEncodeError('a PAN is digits and * for masked digits');
	const nibbles = maskedPan.replace(/\*/g, 'E') + (maskedPan.length % 2 === 1 ? 'F' : '');
	return Uint8Array.from({ length: nibbles.length / 2 }, (_, i) => Number.parseInt(nibbles.slice(i * 2, i * 2 + 2), 16));
}

export interface Completion {
	resultCode: number | null;
	/** After registration: sheet §4 status byte. */
	statusByte: number | null;
	terminalId: string | null;
	currency: number | null;
	tlv: TlvObject[] | null;
}

export function encodeCompletion(completion: { statusByte?: number; terminalId?: string; currency?: ZvtCurrency } = {}): ZvtApdu {
	const parts: Uint8Array[] = [];
	if (completion.statusByte !== undefined) parts.push(encodeBmp(0x19, Uint8Array.of(assertByte(completion.statusByte, 'status byte'))));
	if (completion.terminalId !== undefined) parts.push(encodeBmp(0x29, encodeBcdDigits(completion.terminalId, 4)));
	if (completion.currency !== undefined) parts.push(encodeBmp(0x49, encodeCurrency(completion.currency)));
	return apdu(ZvtCommand.completion, concatBytes(parts));
}

export function decodeCompletion(data: Uint8Array): Completion {
	const fields = decodeBmps(data);
	const terminalId = fieldValue(fields, 0x29);
	const currency = fieldValue(fields, 0x49);
	return {
		resultCode: firstByte(fields, 0x27),
		statusByte: firstByte(fields, 0x19),
		terminalId: terminalId ? decodeBcdDigits(terminalId) : null,
		currency: currency ? decodeBcdNumber(currency) : null,
		tlv: tlvOf(fields)
	};
}

export interface StatusEnquiryCompletion {
	softwareVersion: string;
	/** 00 = ready; other values are vendor specific. */
	terminalStatusCode: number;
	tlv: TlvObject[] | null;
}

/** The completion after `05 01` is not BMP-led: LLLVAR software version, then the terminal status code. */
export function encodeStatusEnquiryCompletion(softwareVersion: string, terminalStatusCode: number, encoding = DEFAULT_TEXT_ENCODING): ZvtApdu {
	const version = encodeText(softwareVersion, encoding);
	return apdu(ZvtCommand.completion, concatBytes([encodeVariableLength(version.length, 3), version, Uint8Array.of(assertByte(terminalStatusCode, 'terminal status code'))]));
}

export function decodeStatusEnquiryCompletion(data: Uint8Array, encoding = DEFAULT_TEXT_ENCODING): StatusEnquiryCompletion {
	const reader = new ByteReader(data, 'status enquiry completion');
	const softwareVersion = decodeText(reader.take(readVariableLength(reader, 3)), encoding);
	const terminalStatusCode = reader.byte();
	return { softwareVersion, terminalStatusCode, tlv: tlvOf(readBmps(reader)) };
}

export interface TerminalAbort {
	resultCode: number;
	/** `FFFF` when the PT has no receipt to name. */
	receiptNumber: string | null;
	tlv: TlvObject[] | null;
}

export function encodeTerminalAbort(abort: { resultCode: number; receiptNumber?: string }): ZvtApdu {
	const parts: Uint8Array[] = [Uint8Array.of(assertByte(abort.resultCode, 'result code'))];
	if (abort.receiptNumber !== undefined) {
		parts.push(Uint8Array.of(0x87), abort.receiptNumber === 'FFFF' ? Uint8Array.of(0xff, 0xff) : encodeBcdDigits(abort.receiptNumber, 2));
	}
	return apdu(ZvtCommand.terminalAbort, concatBytes(parts));
}

export function decodeTerminalAbort(data: Uint8Array): TerminalAbort {
	const reader = new ByteReader(data, 'abort');
	const resultCode = reader.byte();
	// With 6F (wrong currency) some terminals name the currency they wanted, untagged.
	if (resultCode === 0x6f && reader.remaining >= 2 && reader.peek() !== 0x87 && reader.peek() !== 0x06) reader.take(2);
	const fields = readBmps(reader);
	const receipt = fieldValue(fields, 0x87);
	return { resultCode, receiptNumber: receipt ? decodeBcdDigits(receipt) : null, tlv: tlvOf(fields) };
}

// ---------------------------------------------------------------------------------------------
// helpers

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
	const total = parts.reduce((sum, part) => sum + part.length, 0);
	const bytes = new Uint8Array(total);
	let offset = 0;
	for (const part of parts) {
		bytes.set(part, offset);
		offset += part.length;
	}
	return bytes;
}

function padBytes(bytes: Uint8Array, length: number, fill: number): Uint8Array {
	if (bytes.length > length) throw new ZvtEncodeError(`text of ${bytes.length} bytes does not fit a ${length}-byte field`);
	const padded = new Uint8Array(length).fill(fill);
	padded.set(bytes);
	return padded;
}

function assertByte(value: number, what: string): number {
	if (!Number.isInteger(value) || value < 0 || value > 0xff) throw new ZvtEncodeError(`${what} ${value} is not one byte`);
	return value;
}

function fieldValue(fields: readonly BmpField[], bmp: number): Uint8Array | null {
	return fields.find((field) => field.bmp === bmp)?.value ?? null;
}

function firstByte(fields: readonly BmpField[], bmp: number): number | null {
	return fieldValue(fields, bmp)?.[0] ?? null;
}

function tlvOf(fields: readonly BmpField[]): TlvObject[] | null {
	const container = fieldValue(fields, 0x06);
	return container ? decodeTlv(container) : null;
}

function parsesAsBmps(bytes: Uint8Array): boolean {
	try {
		decodeBmps(bytes);
		return true;
	} catch {
		return false;
	}
}
