/**
 * SIP2 error detection (AY/AZ). The checksum is the two's complement of the 16-bit sum of every
 * unit from the command id through the "AZ" of the checksum field.
 *
 * "Unit" is where servers disagree: Evergreen and FOLIO sum the encoded bytes, jsip2 and older Koha
 * sum characters (code points). We generate over the bytes actually sent and accept either on input.
 */
export function checksumOfUnits(units: Iterable<number>): string {
	let sum = 0;
	for (const unit of units) sum = (sum + unit) & 0xffff;
	return ((-sum) & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

export function checksumOfBytes(bytes: Uint8Array): string {
	return checksumOfUnits(bytes);
}

export function checksumOfCharacters(text: string): string {
	return checksumOfUnits(codePoints(text));
}

function* codePoints(text: string): Iterable<number> {
	for (const char of text) yield char.codePointAt(0)!;
}
