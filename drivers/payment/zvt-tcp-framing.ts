import { apduLength } from './zvt-apdu';

/**
 * ZVT over TCP, pure: raw APDUs back to back, no DLE framing, CRC or single-byte ACK (sheet §2.1).
 * TCP splits and coalesces as it likes, so bytes are buffered until a whole APDU is there.
 */
export class TcpApduReader {
	#buffer: Uint8Array = new Uint8Array(0);

	/** Returns every APDU completed by `chunk`, each as its full encoded bytes (header included). */
	push(chunk: Uint8Array): Uint8Array[] {
		const buffered = new Uint8Array(this.#buffer.length + chunk.length);
		buffered.set(this.#buffer, 0);
		buffered.set(chunk, this.#buffer.length);
		const apdus: Uint8Array[] = [];
		let offset = 0;
		for (;;) {
			const rest = buffered.subarray(offset);
			const length = apduLength(rest);
			if (length === null || rest.length < length) break;
			apdus.push(rest.slice(0, length));
			offset += length;
		}
		this.#buffer = buffered.slice(offset);
		return apdus;
	}

	/** Bytes of an APDU still incomplete. */
	get pending(): number {
		return this.#buffer.length;
	}
}

/** TCP sends the APDU as it is; kept as a function so both framings read alike at the call site. */
export function encodeTcpApdu(apdu: Uint8Array): Uint8Array {
	return apdu;
}
