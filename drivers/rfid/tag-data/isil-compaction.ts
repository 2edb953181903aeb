import { BitReader, BitWriter, isPadTail } from './bit-stream';

/**
 * The application-defined compaction ISO 28560-2 uses for an ISIL (OID 3): 5-bit upper- and
 * lower-case tables and a 4-bit numeric table with latch/shift codes between them, so that mixed
 * ISILs like `US-InU-Mu` stay short. The lower table's code 27 (`/`) and the numeric table's
 * switch codes are not on the reference sheet; they come from an open decoder (City of Helsinki,
 * MIT) and complete ISO 15511's ISIL alphabet (letters, digits, `-`, `/`, `:`).
 */

type Table = 'upper' | 'lower' | 'numeric';
type Switch = { readonly kind: 'latch' | 'shift'; readonly to: Table };

interface TableCodes {
	readonly width: number;
	readonly characters: string;
	readonly switches: ReadonlyMap<number, Switch>;
}

const TABLES: Record<Table, TableCodes> = {
	upper: {
		width: 5,
		characters: '-ABCDEFGHIJKLMNOPQRSTUVWXYZ:',
		switches: new Map([
			[0b11100, { kind: 'latch', to: 'lower' }],
			[0b11101, { kind: 'shift', to: 'lower' }],
			[0b11110, { kind: 'latch', to: 'numeric' }],
			[0b11111, { kind: 'shift', to: 'numeric' }]
		])
	},
	lower: {
		width: 5,
		characters: '-abcdefghijklmnopqrstuvwxyz/',
		switches: new Map([
			[0b11100, { kind: 'latch', to: 'upper' }],
			[0b11101, { kind: 'shift', to: 'upper' }],
			[0b11110, { kind: 'latch', to: 'numeric' }],
			[0b11111, { kind: 'shift', to: 'numeric' }]
		])
	},
	numeric: {
		width: 4,
		characters: '0123456789-:',
		switches: new Map([
			[0b1100, { kind: 'latch', to: 'upper' }],
			[0b1101, { kind: 'shift', to: 'upper' }],
			[0b1110, { kind: 'latch', to: 'lower' }],
			[0b1111, { kind: 'shift', to: 'lower' }]
		])
	}
};

/**
 * Never fails: codes the tables leave undefined cannot occur (every 5-bit and 4-bit value is a
 * character or a switch), and a partial code at the end is padding.
 */
export function decodeIsil(bytes: Uint8Array): string {
	const reader = new BitReader(bytes);
	let latched: Table = 'upper';
	let shifted: Table | undefined;
	let text = '';
	let lastCharacter: { code: number; width: number } | undefined;
	for (;;) {
		const table: TableCodes = TABLES[shifted ?? latched];
		if (reader.remaining < table.width) break;
		const code = reader.read(table.width);
		shifted = undefined;
		const character = table.characters[code];
		const change: Switch | undefined = table.switches.get(code);
		if (character !== undefined) {
			text += character;
			lastCharacter = { code, width: table.width };
		} else {
			lastCharacter = undefined;
			if (change?.kind === 'latch') latched = change.to;
			else if (change?.kind === 'shift') shifted = change.to;
		}
	}
	const leftoverWidth = reader.remaining;
	const leftover = reader.read(leftoverWidth);
	// Whatever the writer padded with: a final 1-then-0s code, or zeros reading as `-` (no ISIL ends
	// in a hyphen), is padding.
	if (lastCharacter !== undefined) {
		const zeroPad = lastCharacter.width === 5 && lastCharacter.code === 0 && leftover === 0 && 5 + leftoverWidth <= 7;
		if (zeroPad || isPadTail(lastCharacter.code, lastCharacter.width, leftover, leftoverWidth)) text = text.slice(0, -1);
	}
	return text;
}

function switchCode(from: Table, kind: Switch['kind'], to: Table): { code: number; width: number } {
	for (const [code, change] of TABLES[from].switches) {
		if (change.kind === kind && change.to === to) return { code, width: TABLES[from].width };
	}
	throw new Error(`no ${kind} from ${from} to ${to}`);
}

const TABLE_ORDER: readonly Table[] = ['upper', 'lower', 'numeric'];

/** Latch when the next character needs the new table too; otherwise shift and stay. */
function tableFor(latched: Table, char: string, next: string | undefined): { table: Table; kind?: Switch['kind'] } | undefined {
	if (TABLES[latched].characters.includes(char)) return { table: latched };
	const candidates = TABLE_ORDER.filter((candidate) => TABLES[candidate].characters.includes(char));
	const nextNeedsSwitch = next !== undefined && !TABLES[latched].characters.includes(next);
	const latchTarget = candidates.find((candidate) => nextNeedsSwitch && TABLES[candidate].characters.includes(next));
	if (latchTarget !== undefined) return { table: latchTarget, kind: 'latch' };
	const shiftTarget = candidates[0];
	return shiftTarget === undefined ? undefined : { table: shiftTarget, kind: 'shift' };
}

/** Undefined when the text has characters outside the ISIL alphabet or would not read back unchanged. */
export function encodeIsil(text: string): Uint8Array | undefined {
	const writer = new BitWriter();
	let latched: Table = 'upper';
	const chars = [...text];
	for (const [index, char] of chars.entries()) {
		const choice = tableFor(latched, char, chars[index + 1]);
		if (choice === undefined) return undefined;
		if (choice.kind !== undefined) {
			const change = switchCode(latched, choice.kind, choice.table);
			writer.write(change.code, change.width);
			if (choice.kind === 'latch') latched = choice.table;
		}
		writer.write(TABLES[choice.table].characters.indexOf(char), TABLES[choice.table].width);
	}
	let bytes = writer.toBytes();
	if (decodeIsil(bytes) !== text) {
		// The last character reads as padding; a trailing latch (which yields no character) protects it.
		const guard = switchCode(latched, 'latch', latched === 'upper' ? 'lower' : 'upper');
		writer.write(guard.code, guard.width);
		bytes = writer.toBytes();
	}
	return decodeIsil(bytes) === text ? bytes : undefined;
}
