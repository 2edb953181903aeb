/**
 * AIM symbology identifiers (ISO/IEC 15424): `]` + a symbology letter + a modifier character, sent
 * by a scanner ahead of the data (serial prefix) or in the HID POS report's symbology bytes.
 */
export interface Symbology {
	/** The identifier as sent, e.g. `]C0`. */
	aim: string;
	/** e.g. `Code 128`; `unknown` for a well-formed identifier we have no name for. */
	name: string;
}

const NAMES_BY_LETTER: Readonly<Record<string, string>> = {
	A: 'Code 39',
	C: 'Code 128',
	E: 'EAN/UPC',
	F: 'Codabar',
	G: 'Code 93',
	H: 'Code 11',
	I: 'Interleaved 2 of 5',
	L: 'PDF417',
	M: 'MSI',
	Q: 'QR Code',
	U: 'MaxiCode',
	X: 'other',
	d: 'Data Matrix',
	e: 'GS1 DataBar',
	z: 'Aztec'
};

// The modifier only changes the name where a library kiosk cares: GS1-128 is not an item barcode, and
// EAN-13 vs EAN-8 decides whether the ean13 validation can apply.
const NAMES_BY_IDENTIFIER: Readonly<Record<string, string>> = {
	']C1': 'GS1-128',
	']E0': 'EAN-13',
	']E4': 'EAN-8'
};

const AIM_PATTERN = /^\][A-Za-z0-9][A-Za-z0-9]$/;

/** The symbology an identifier names, or null when the three characters are not an AIM identifier (e.g. NUL padding). */
export function symbologyFromAim(aim: string): Symbology | null {
	if (!AIM_PATTERN.test(aim)) return null;
	const name = NAMES_BY_IDENTIFIER[aim] ?? NAMES_BY_LETTER[aim.charAt(1)] ?? 'unknown';
	return { aim, name };
}

/** Splits an optional AIM prefix off a scanned line: `]C012345` → `]C0` + `12345`. */
export function splitAimPrefix(text: string): { symbology: Symbology | null; rest: string } {
	const symbology = text.length >= 3 ? symbologyFromAim(text.slice(0, 3)) : null;
	return symbology ? { symbology, rest: text.slice(3) } : { symbology: null, rest: text };
}
