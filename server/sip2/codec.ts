import { decodeText, encodeText, type SipCharset } from './charset';
import { checksumOfBytes, checksumOfCharacters } from './checksum';
import { SipChecksumError, SipEncodeError, SipParseError, SipUnknownCommandError } from './errors';
import { SPEC_BY_COMMAND, type MessageSpec, type SipField, type SipMessage } from './messages';

/**
 * Pure SIP2 encode/decode: bytes of one message (no terminator) <-> typed message objects.
 * Tolerant on input, strict on output, per the reference sheet (sip2.md §1, §3, §5).
 */

export interface DecodeOptions {
	charset: SipCharset;
	/** Check AZ when present (default true). A bad one throws SipChecksumError. */
	verifyChecksum?: boolean;
}

export interface EncodeOptions {
	charset: SipCharset;
	/** With a sequence number the message gets AY<n>AZ<checksum>; 96/97 get only AZ. */
	errorDetection?: { sequence: number } | false;
}

/** The longest value the protocol allows in a variable field. */
export const MAX_FIELD_LENGTH = 255;

const TRAILER = /\|?(?:AY(\d))?AZ([0-9A-Fa-f]{4})$/;
const FIELD_ID = /^[A-Z][A-Z0-9]$/;

/** Decodes one message. Throws only SipParseError (or its subclasses) and SipChecksumError. */
export function decodeMessage(bytes: Uint8Array, options: DecodeOptions): SipMessage {
	const raw = stripTerminator(bytes);
	const text = decodeText(raw, options.charset);
	const command = text.slice(0, 2);
	if (!/^\d\d$/.test(command)) throw new SipParseError('message does not start with a two-digit command id');

	let body = text;
	let sequence: number | undefined;
	let checksum: string | undefined;
	const trailer = TRAILER.exec(text);
	if (trailer && trailer.index >= 2) {
		checksum = trailer[2]!.toUpperCase();
		sequence = trailer[1] === undefined ? undefined : Number(trailer[1]);
		body = text.slice(0, trailer.index);
		if (options.verifyChecksum !== false && !checksumMatches(raw, text, checksum)) {
			throw new SipChecksumError(command, checksum);
		}
	}

	const spec = SPEC_BY_COMMAND.get(command);
	if (!spec) throw new SipUnknownCommandError(command);

	const message: Record<string, unknown> = { command };
	let offset = 2;
	for (const [name, codec] of spec.fixed) {
		const value = body.slice(offset, offset + codec.length);
		if (value.length < codec.length) {
			throw new SipParseError(`message ${command}: fixed part too short at ${name} (needs ${codec.length} characters)`);
		}
		message[name] = codec.decode(value, name);
		offset += codec.length;
	}

	const unknownFields: SipField[] = [];
	const nameById = fieldNamesById(spec);
	// Empty fragments come from a stray '|' after the fixed part or a doubled delimiter: skip them.
	for (const fragment of body.slice(offset).split('|')) {
		if (fragment.length === 0) continue;
		const id = fragment.slice(0, 2);
		if (!FIELD_ID.test(id)) throw new SipParseError(`message ${command}: malformed field "${id}"`);
		const value = unescapeValue(fragment.slice(2));
		const field = nameById.get(id);
		if (field === undefined) {
			unknownFields.push({ id, value });
		} else if (field.many) {
			((message[field.name] as string[] | undefined) ??= []).push(value);
		} else if (message[field.name] === undefined) {
			message[field.name] = value;
		} else {
			// A repeated single field: keep the first, keep the repeat too rather than drop it.
			unknownFields.push({ id, value });
		}
	}
	if (unknownFields.length > 0) message.unknownFields = unknownFields;
	if (sequence !== undefined) message.sequence = sequence;
	if (checksum !== undefined) message.checksum = checksum;
	return message as unknown as SipMessage;
}

/** Encodes one message (without terminator) in the given charset. Throws SipEncodeError. */
export function encodeMessage(message: SipMessage, options: EncodeOptions): Buffer {
	const spec = SPEC_BY_COMMAND.get(message.command);
	if (!spec) throw new SipEncodeError(`unknown command id "${message.command}"`);
	const values = message as unknown as Record<string, unknown>;

	let text = message.command;
	for (const [name, codec] of spec.fixed) {
		const value = values[name];
		if (value === undefined) throw new SipEncodeError(`message ${message.command}: ${name} is missing`);
		text += codec.encode(value as never, name);
	}
	for (const [name, field] of Object.entries(spec.fields)) {
		const value = values[name];
		if (field.many) {
			if (value !== undefined && !Array.isArray(value)) throw new SipEncodeError(`${name} must be a list`);
			for (const item of (value as string[] | undefined) ?? []) text += field.id + escapeValue(item) + '|';
		} else if (value !== undefined || field.required) {
			if (value !== undefined && typeof value !== 'string') throw new SipEncodeError(`${name} must be text`);
			text += field.id + escapeValue(value ?? '') + '|';
		}
	}
	for (const { id, value } of message.unknownFields ?? []) {
		if (!FIELD_ID.test(id)) throw new SipEncodeError(`field id "${id}" is not two letters`);
		text += id + escapeValue(value) + '|';
	}

	if (!options.errorDetection) return encodeText(text, options.charset);
	const isResendRequest = message.command === '96' || message.command === '97';
	const sequence = options.errorDetection.sequence;
	if (!isResendRequest && !(Number.isInteger(sequence) && sequence >= 0 && sequence <= 9)) {
		throw new SipEncodeError('sequence number must be 0-9');
	}
	const bytes = encodeText(text + (isResendRequest ? '' : `AY${sequence}`) + 'AZ', options.charset);
	return Buffer.concat([bytes, Buffer.from(checksumOfBytes(bytes), 'ascii')]);
}

function checksumMatches(raw: Uint8Array, text: string, checksum: string): boolean {
	// Everything through "AZ": the bytes/characters before the four hex digits.
	const byByteSum = checksumOfBytes(raw.subarray(0, raw.length - 4)) === checksum;
	return byByteSum || checksumOfCharacters(text.slice(0, -4)) === checksum;
}

function stripTerminator(bytes: Uint8Array): Uint8Array {
	let end = bytes.length;
	while (end > 0 && (bytes[end - 1] === 0x0d || bytes[end - 1] === 0x0a || bytes[end - 1] === 0x00)) end--;
	return bytes.subarray(0, end);
}

const fieldNameCache = new WeakMap<MessageSpec, Map<string, { name: string; many: boolean }>>();
function fieldNamesById(spec: MessageSpec): Map<string, { name: string; many: boolean }> {
	let names = fieldNameCache.get(spec);
	if (!names) {
		names = new Map(Object.entries(spec.fields).map(([name, field]) => [field.id, { name, many: field.many === true }]));
		fieldNameCache.set(spec, names);
	}
	return names;
}

/**
 * The protocol has no escaping. Koha writes a '|' inside a value as `&#124;`; we read that back and
 * write it the same way. CR, LF and NUL would break framing, so they become spaces.
 */
function escapeValue(value: string): string {
	const clean = value.replace(/\|/g, '&#124;').replace(/[\r\n\0]/g, ' ');
	// Cut on code points so a surrogate pair is never split.
	return [...clean].length > MAX_FIELD_LENGTH ? [...clean].slice(0, MAX_FIELD_LENGTH).join('') : clean;
}

function unescapeValue(value: string): string {
	return value.includes('&#124;') ? value.replace(/&#124;/g, '|') : value;
}
