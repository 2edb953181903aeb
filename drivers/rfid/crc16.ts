/**
 * The three CRC-16 variants the RFID layer meets. They differ only in parameters, so one bitwise
 * routine serves all of them; frames are short enough that a table would buy nothing.
 */
interface Crc16Parameters {
	/** Polynomial as written for the chosen bit order (reflected polynomials are pre-reflected). */
	poly: number;
	init: number;
	reflected: boolean;
	xorOut: number;
}

function crc16(parameters: Crc16Parameters, bytes: Uint8Array): number {
	let crc = parameters.init;
	for (const byte of bytes) {
		if (parameters.reflected) {
			crc ^= byte;
			for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ parameters.poly : crc >>> 1;
		} else {
			crc ^= byte << 8;
			for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ parameters.poly) & 0xffff : (crc << 1) & 0xffff;
		}
	}
	return (crc ^ parameters.xorOut) & 0xffff;
}

/** CRC-16/MCRF4XX: FEIG ISC frames (sent LSB first). */
export function crc16Mcrf4xx(bytes: Uint8Array): number {
	return crc16({ poly: 0x8408, init: 0xffff, reflected: true, xorOut: 0 }, bytes);
}

/** CRC-16/X-25: the ISO 15693 air interface CRC (sent LSB first); only pass-through frames need it. */
export function crc16X25(bytes: Uint8Array): number {
	return crc16({ poly: 0x8408, init: 0xffff, reflected: true, xorOut: 0xffff }, bytes);
}

/** CRC-16/GENIBUS: 3M/Bibliotheca D6 frames (sent MSB first). */
export function crc16Genibus(bytes: Uint8Array): number {
	return crc16({ poly: 0x1021, init: 0xffff, reflected: false, xorOut: 0xffff }, bytes);
}

/** GENIBUS without its final XOR: run over data + CRC it leaves a fixed residue, a cheap frame check. */
export function crc16GenibusResidue(bytes: Uint8Array): number {
	return crc16({ poly: 0x1021, init: 0xffff, reflected: false, xorOut: 0 }, bytes);
}
