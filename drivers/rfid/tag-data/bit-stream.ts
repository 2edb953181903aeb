/** Most significant bit first, as ISO/IEC 15962 packs its 4-, 5-, 6- and 7-bit codes. */
export class BitReader {
	private position = 0;

	constructor(private readonly bytes: Uint8Array) {}

	get remaining(): number {
		return this.bytes.length * 8 - this.position;
	}

	read(width: number): number {
		let value = 0;
		for (let bit = 0; bit < width; bit++, this.position++) {
			const byte = this.bytes[this.position >> 3] ?? 0;
			value = (value << 1) | ((byte >> (7 - (this.position & 7))) & 1);
		}
		return value;
	}
}

export class BitWriter {
	private readonly bits: number[] = [];

	get length(): number {
		return this.bits.length;
	}

	write(value: number, width: number): void {
		for (let bit = width - 1; bit >= 0; bit--) this.bits.push((value >> bit) & 1);
	}

	/**
	 * Fills the last byte with a 1 followed by 0s: the pad ISO 28560-2 Annex D shows after a 6-bit
	 * string (`…D6` ends in `10`), and one a decoder can tell from data, see isPadTail.
	 */
	toBytes(): Uint8Array {
		const bits = [...this.bits];
		if (bits.length % 8 !== 0) {
			bits.push(1);
			while (bits.length % 8 !== 0) bits.push(0);
		}
		const bytes = new Uint8Array(bits.length / 8);
		bits.forEach((bit, index) => {
			bytes[index >> 3] = (bytes[index >> 3] ?? 0) | (bit << (7 - (index & 7)));
		});
		return bytes;
	}
}

/**
 * Whether the last code read, together with the bits left over after it, is padding rather than a
 * character: padding only ever fills the final byte (under 8 bits) and is a 1 followed by 0s.
 */
export function isPadTail(lastCode: number, codeWidth: number, leftover: number, leftoverWidth: number): boolean {
	const width = codeWidth + leftoverWidth;
	return width <= 7 && ((lastCode << leftoverWidth) | leftover) === 1 << (width - 1);
}
