/**
 * Cuts a byte stream into frames for any length-prefixed, CRC-protected format. Serial ports hand
 * over bytes in arbitrary chunks and line noise or a reader rebooting mid-frame leaves garbage, so
 * the splitter buffers, checks every candidate's CRC, and slides forward one byte at a time on a
 * bad candidate until it is back in step. Pure: bytes in, frames out.
 */
export interface FrameFormat {
	/** Bytes a frame can begin with. */
	readonly startBytes: readonly number[];
	/** How many bytes `frameLength` needs to see. */
	readonly headerLength: number;
	/** Whole-frame length from its header, or null when the header is implausible (so it is not a frame start). */
	frameLength(header: Uint8Array): number | null;
	/** CRC (and any other) check of a complete candidate. */
	isIntact(frame: Uint8Array): boolean;
}

type Candidate = { kind: 'frame'; length: number } | { kind: 'incomplete' } | { kind: 'not-a-frame' };

export class FrameSplitter {
	#buffer: Uint8Array = new Uint8Array(0);
	#discarded = 0;

	constructor(private readonly format: FrameFormat) {}

	/** Bytes dropped as garbage since creation or the last reset, for diagnostics. */
	get discardedBytes(): number {
		return this.#discarded;
	}

	get pendingBytes(): number {
		return this.#buffer.length;
	}

	reset(): void {
		this.#buffer = new Uint8Array(0);
		this.#discarded = 0;
	}

	/** Returns the frames completed by this chunk, each a copy that later pushes never alter. */
	push(chunk: Uint8Array): Uint8Array[] {
		const joined = new Uint8Array(this.#buffer.length + chunk.length);
		joined.set(this.#buffer);
		joined.set(chunk, this.#buffer.length);
		let buffer = joined;
		const frames: Uint8Array[] = [];

		const drop = (count: number, garbage: boolean): void => {
			if (garbage) this.#discarded += count;
			buffer = buffer.subarray(count);
		};

		for (;;) {
			const start = this.#nextStart(buffer, 0);
			if (start < 0) {
				drop(buffer.length, true);
				break;
			}
			drop(start, true);
			const candidate = this.#candidateAt(buffer, 0);
			if (candidate.kind === 'frame') {
				frames.push(buffer.slice(0, candidate.length));
				drop(candidate.length, false);
				continue;
			}
			if (candidate.kind === 'not-a-frame') {
				drop(1, true);
				continue;
			}
			// A corrupted header can announce more bytes than will ever come; an intact frame
			// further on proves the bytes before it were garbage, so the stream never stalls.
			const later = this.#laterIntactFrame(buffer);
			if (later < 0) break;
			drop(later, true);
		}

		this.#buffer = buffer.slice();
		return frames;
	}

	#nextStart(buffer: Uint8Array, from: number): number {
		for (let i = from; i < buffer.length; i++) if (this.format.startBytes.includes(buffer[i] ?? -1)) return i;
		return -1;
	}

	#candidateAt(buffer: Uint8Array, at: number): Candidate {
		if (buffer.length - at < this.format.headerLength) return { kind: 'incomplete' };
		const length = this.format.frameLength(buffer.subarray(at, at + this.format.headerLength));
		if (length === null) return { kind: 'not-a-frame' };
		if (buffer.length - at < length) return { kind: 'incomplete' };
		return this.format.isIntact(buffer.subarray(at, at + length)) ? { kind: 'frame', length } : { kind: 'not-a-frame' };
	}

	#laterIntactFrame(buffer: Uint8Array): number {
		for (let at = this.#nextStart(buffer, 1); at >= 0; at = this.#nextStart(buffer, at + 1)) {
			if (this.#candidateAt(buffer, at).kind === 'frame') return at;
		}
		return -1;
	}
}

/** A frame that passed its CRC but whose content does not fit the command's layout. */
export class FrameDecodeError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FrameDecodeError';
	}
}
