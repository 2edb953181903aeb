import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	decodeEscPos,
	decodeStatusReply,
	encodeReceipt,
	encodeStatusReply,
	encodeStatusRequest,
	EscPosDecoder,
	isStatusReplyByte,
	wrapText,
	type EscPosEvent,
	type PrintedItem,
	type ReceiptDocument
} from './escpos';

const INIT_CP858 = [0x1b, 0x40, 0x1b, 0x74, 19];

function bytesOf(document: ReceiptDocument, options?: Parameters<typeof encodeReceipt>[1]): number[] {
	return [...encodeReceipt(document, options)];
}

const ascii = (text: string): number[] => [...Buffer.from(text, 'latin1')];

describe('encodeReceipt: one command at a time', () => {
	it('starts every receipt with ESC @ and the code page', () => {
		expect(bytesOf([])).toEqual(INIT_CP858);
		expect(bytesOf([], { codePage: 'cp437' })).toEqual([0x1b, 0x40, 0x1b, 0x74, 0]);
		expect(bytesOf([], { codePage: 'cp850' })).toEqual([0x1b, 0x40, 0x1b, 0x74, 2]);
	});

	it('prints plain text followed by LF, with no style commands', () => {
		expect(bytesOf([{ kind: 'text', text: 'Loans' }])).toEqual([...INIT_CP858, ...ascii('Loans'), 0x0a]);
	});

	it('switches bold on with ESC E 1 and off again with ESC E 0', () => {
		expect(
			bytesOf([
				{ kind: 'text', text: 'A', bold: true },
				{ kind: 'text', text: 'B', bold: true },
				{ kind: 'text', text: 'C' }
			])
		).toEqual([...INIT_CP858, 0x1b, 0x45, 1, 0x41, 0x0a, 0x42, 0x0a, 0x1b, 0x45, 0, 0x43, 0x0a]);
	});

	it('aligns with ESC a 0/1/2', () => {
		expect(
			bytesOf([
				{ kind: 'text', text: 'c', align: 'center' },
				{ kind: 'text', text: 'r', align: 'right' },
				{ kind: 'text', text: 'l', align: 'left' }
			])
		).toEqual([...INIT_CP858, 0x1b, 0x61, 1, 0x63, 0x0a, 0x1b, 0x61, 2, 0x72, 0x0a, 0x1b, 0x61, 0, 0x6c, 0x0a]);
	});

	it('sets double size with GS ! 0x11 and back with GS ! 0', () => {
		expect(
			bytesOf([
				{ kind: 'text', text: 'Big', size: 'double' },
				{ kind: 'text', text: 'x' }
			])
		).toEqual([...INIT_CP858, 0x1d, 0x21, 0x11, ...ascii('Big'), 0x0a, 0x1d, 0x21, 0x00, 0x78, 0x0a]);
	});

	it('feeds with ESC d n, splitting feeds longer than 255 lines', () => {
		expect(bytesOf([{ kind: 'feed', lines: 3 }])).toEqual([...INIT_CP858, 0x1b, 0x64, 3]);
		expect(bytesOf([{ kind: 'feed', lines: 300 }])).toEqual([...INIT_CP858, 0x1b, 0x64, 255, 0x1b, 0x64, 45]);
		expect(bytesOf([{ kind: 'feed', lines: 0 }])).toEqual(INIT_CP858);
		expect(() => encodeReceipt([{ kind: 'feed', lines: -1 }])).toThrow(RangeError);
	});

	it('cuts with GS V function B (partial, 66) or A (full, 65), feeding to the cutter', () => {
		expect(bytesOf([{ kind: 'cut', mode: 'partial' }])).toEqual([...INIT_CP858, 0x1d, 0x56, 66, 0]);
		expect(bytesOf([{ kind: 'cut', mode: 'full' }])).toEqual([...INIT_CP858, 0x1d, 0x56, 65, 0]);
	});

	it('draws a separator across the whole paper width in the default style', () => {
		expect(bytesOf([{ kind: 'text', text: 'T', bold: true }, { kind: 'separator' }], { columns: 32 })).toEqual([
			...INIT_CP858,
			0x1b,
			0x45,
			1,
			0x54,
			0x0a,
			0x1b,
			0x45,
			0,
			...ascii('-'.repeat(32)),
			0x0a
		]);
		expect(decodeEscPos(encodeReceipt([{ kind: 'separator', character: '=*' }], { columns: 5 }))).toEqual([
			{ kind: 'text', text: '=*=*=', bold: false, align: 'left', size: 'normal' }
		]);
	});
});

describe('encodeReceipt: characters', () => {
	it('prints € as 0xD5 in CP858, after selecting page 19', () => {
		const bytes = bytesOf([{ kind: 'text', text: 'Fee €2.50' }]);
		expect(bytes.slice(0, 5)).toEqual(INIT_CP858);
		expect(bytes.slice(5)).toEqual([...ascii('Fee '), 0xd5, ...ascii('2.50'), 0x0a]);
	});

	it('encodes accented letters in the chosen code page, and what the page lacks as ?', () => {
		expect(bytesOf([{ kind: 'text', text: 'Müller Ø' }], { codePage: 'cp850' }).slice(5)).toEqual([0x4d, 0x81, ...ascii('ller '), 0x9d, 0x0a]);
		expect(bytesOf([{ kind: 'text', text: '€ Ø' }], { codePage: 'cp437' }).slice(5)).toEqual([0x3f, 0x20, 0x3f, 0x0a]);
	});

	it('counts a decomposed é as one column and prints it as one character', () => {
		expect(bytesOf([{ kind: 'text', text: 'Cafe\u0301' }]).slice(5)).toEqual([...ascii('Caf'), 0x82, 0x0a]);
	});

	it('never lets control characters from a title reach the printer as commands', () => {
		const bytes = bytesOf([{ kind: 'text', text: 'Evil\x1b@\x1dV\x00title\x10\x04\x01' }]).slice(5);
		expect(bytes.filter((byte) => byte < 0x20)).toEqual([0x0a]);
		expect(decodeEscPos(encodeReceipt([{ kind: 'text', text: 'Evil\x1b@\x1dV\x00title' }]))).toEqual([
			{ kind: 'text', text: 'Evil @ V title', bold: false, align: 'left', size: 'normal' }
		]);
	});

	it('starts a new line at each newline in the text', () => {
		expect(decodeEscPos(encodeReceipt([{ kind: 'text', text: 'one\ntwo\r\n\nfour', bold: true }])).map((item) => item.kind === 'text' && item.text)).toEqual([
			'one',
			'two',
			'',
			'four'
		]);
	});
});

describe('wrapping at the paper width', () => {
	it('breaks between words, never inside one that fits on a line', () => {
		expect(wrapText('The quick brown fox jumps over the lazy dog', 10)).toEqual(['The quick', 'brown fox', 'jumps over', 'the lazy', 'dog']);
	});

	it('cuts a word longer than a whole line', () => {
		expect(wrapText('ISBN 9783161484100123 ok', 8)).toEqual(['ISBN', '97831614', '84100123', 'ok']);
	});

	it('keeps short lines as they are, inner spaces included', () => {
		expect(wrapText('Due   12.03.2025', 42)).toEqual(['Due   12.03.2025']);
		expect(wrapText('', 42)).toEqual(['']);
		expect(wrapText('exactly10!', 10)).toEqual(['exactly10!']);
	});

	it('drops the spaces at the break, so continuation lines do not start indented', () => {
		expect(wrapText('aaaa    bbbb    ', 6)).toEqual(['aaaa', 'bbbb']);
	});

	it('wraps at 42 columns by default, 48 or 32 when configured, and half that in double size', () => {
		const words = Array.from({ length: 30 }, (_, index) => `w${index}`).join(' ');
		const widest = (document: ReceiptDocument, columns?: number): number =>
			Math.max(...decodeEscPos(encodeReceipt(document, columns ? { columns } : {})).map((item) => (item.kind === 'text' ? item.text.length : 0)));
		expect(widest([{ kind: 'text', text: words }])).toBeLessThanOrEqual(42);
		expect(widest([{ kind: 'text', text: words }])).toBeGreaterThan(32);
		expect(widest([{ kind: 'text', text: words }], 48)).toBeGreaterThan(42);
		expect(widest([{ kind: 'text', text: words }], 48)).toBeLessThanOrEqual(48);
		expect(widest([{ kind: 'text', text: words }], 32)).toBeLessThanOrEqual(32);
		expect(widest([{ kind: 'text', text: words, size: 'double' }], 48)).toBeLessThanOrEqual(24);
		expect(() => encodeReceipt([], { columns: 0 })).toThrow(RangeError);
	});

	it('keeps every word and every line within the width (property)', () => {
		const word = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'abcdefgh€äß.') });
		fc.assert(
			fc.property(fc.array(word, { maxLength: 30 }), fc.integer({ min: 12, max: 48 }), (words, width) => {
				const lines = wrapText(words.join(' '), width);
				for (const line of lines) expect(Array.from(line).length).toBeLessThanOrEqual(width);
				expect(lines.join(' ').split(' ').filter(Boolean)).toEqual(words);
			})
		);
	});
});

describe('decodeEscPos', () => {
	const style = { bold: false, align: 'left', size: 'normal' } as const;

	it('gives back the lines, styles and cuts of an encoded receipt', () => {
		const document: ReceiptDocument = [
			{ kind: 'text', text: 'City Library', bold: true, align: 'center', size: 'double' },
			{ kind: 'text', text: 'Main branch', align: 'center' },
			{ kind: 'separator' },
			{ kind: 'text', text: 'The Name of the Rose' },
			{ kind: 'text', text: 'Due 12.03.2025', align: 'right', bold: true },
			{ kind: 'text', text: 'Fine: €1.50' },
			{ kind: 'feed', lines: 2 },
			{ kind: 'cut', mode: 'partial' },
			{ kind: 'text', text: 'Second' },
			{ kind: 'cut', mode: 'full' }
		];
		expect(decodeEscPos(encodeReceipt(document, { columns: 32 }))).toEqual<PrintedItem[]>([
			{ kind: 'text', text: 'City Library', bold: true, align: 'center', size: 'double' },
			{ kind: 'text', text: 'Main branch', bold: false, align: 'center', size: 'normal' },
			{ kind: 'text', text: '-'.repeat(32), ...style },
			{ kind: 'text', text: 'The Name of the Rose', ...style },
			{ kind: 'text', text: 'Due 12.03.2025', bold: true, align: 'right', size: 'normal' },
			{ kind: 'text', text: 'Fine: €1.50', ...style },
			{ kind: 'text', text: '', ...style },
			{ kind: 'text', text: '', ...style },
			{ kind: 'cut', mode: 'partial' },
			{ kind: 'text', text: 'Second', ...style },
			{ kind: 'cut', mode: 'full' }
		]);
	});

	it('reads text in the code page selected by ESC t', () => {
		for (const codePage of ['cp437', 'cp850', 'cp858'] as const) {
			const [line] = decodeEscPos(encodeReceipt([{ kind: 'text', text: 'Grüße, Åse' }], { codePage }));
			expect(line).toMatchObject({ text: 'Grüße, Åse' });
		}
	});

	it('skips images, barcodes and QR codes by their length, even when their data holds LF or ESC', () => {
		const raster = [0x1d, 0x76, 0x30, 0x00, 2, 0, 2, 0, 0x0a, 0x1b, 0x0a, 0x40];
		const barcodeA = [0x1d, 0x6b, 4, ...ascii('12345'), 0x00];
		const barcodeB = [0x1d, 0x6b, 73, 4, 0x0a, 0x0a, 0x1b, 0x40];
		const qr = [0x1d, 0x28, 0x6b, 4, 0, 0x31, 0x50, 0x30, 0x0a];
		const bitImage = [0x1b, 0x2a, 33, 1, 0, 0x0a, 0x0a, 0x0a];
		const unknown = [0x1b, 0x2f, 0x1c, 0x7e];
		const bytes = Uint8Array.from([...ascii('A'), ...raster, ...barcodeB, ...qr, ...bitImage, ...barcodeA, ...unknown, ...ascii('B'), 0x0a]);
		expect(decodeEscPos(bytes)).toEqual([{ kind: 'text', text: 'AB', ...style }]);
	});

	it('understands the styles other software sends: ESC ! print modes, ASCII ESC a, legacy GS V 0/1', () => {
		const bytes = Uint8Array.from([
			...[0x1b, 0x21, 0x08, ...ascii('bold'), 0x0a],
			...[0x1b, 0x21, 0x30, ...ascii('big'), 0x0a],
			...[0x1b, 0x21, 0x00, 0x1b, 0x61, 0x32, ...ascii('right'), 0x0d, 0x0a],
			...[0x1d, 0x56, 0x00, 0x1d, 0x56, 0x31]
		]);
		expect(decodeEscPos(bytes)).toEqual([
			{ kind: 'text', text: 'bold', bold: true, align: 'left', size: 'normal' },
			{ kind: 'text', text: 'big', bold: false, align: 'left', size: 'double' },
			{ kind: 'text', text: 'right', bold: false, align: 'right', size: 'normal' },
			{ kind: 'cut', mode: 'full' },
			{ kind: 'cut', mode: 'partial' }
		]);
	});

	it('prints nothing that was not ended by LF, and ESC @ throws away the unprinted line', () => {
		expect(decodeEscPos(Uint8Array.from(ascii('no newline')))).toEqual([]);
		expect(decodeEscPos(Uint8Array.from([...ascii('lost'), 0x1b, 0x40, ...ascii('kept'), 0x0a]))).toEqual([{ kind: 'text', text: 'kept', ...style }]);
	});

	it('prints the buffered text when ESC d feeds, then blank lines', () => {
		expect(decodeEscPos(Uint8Array.from([...ascii('x'), 0x1b, 0x64, 2]))).toEqual([
			{ kind: 'text', text: 'x', ...style },
			{ kind: 'text', text: '', ...style }
		]);
	});

	it('reports DLE EOT 1..4 as status requests, in stream order', () => {
		const events = new EscPosDecoder().push(Uint8Array.from([...ascii('a'), 0x10, 0x04, 4, 0x0a, 0x10, 0x04, 1, 0x10, 0x04, 7, 1]));
		expect(events).toEqual<EscPosEvent[]>([
			{ kind: 'status-request', query: 'paper-sensor' },
			{ kind: 'text', text: 'a', ...style },
			{ kind: 'status-request', query: 'printer' }
		]);
	});

	it('decodes a stream cut at any byte the same as all at once (property)', () => {
		const document: ReceiptDocument = [
			{ kind: 'text', text: 'Über €5', bold: true, align: 'center', size: 'double' },
			{ kind: 'separator' },
			{ kind: 'feed', lines: 1 },
			{ kind: 'cut', mode: 'full' }
		];
		const bytes = Uint8Array.from([...encodeReceipt(document), 0x1d, 0x76, 0x30, 0, 100, 0, 1, 0, ...new Array<number>(100).fill(0x0a), ...ascii('z'), 0x0a, 0x10, 0x04, 2]);
		const whole = new EscPosDecoder().push(bytes);
		expect(whole.map((event) => event.kind)).toEqual(['text', 'text', 'text', 'cut', 'text', 'status-request']);
		fc.assert(
			fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), (cuts) => {
				const decoder = new EscPosDecoder();
				const events: EscPosEvent[] = [];
				let start = 0;
				for (const end of [...cuts.sort((a, b) => a - b), bytes.length]) {
					events.push(...decoder.push(bytes.subarray(start, end)));
					start = end;
				}
				expect(events).toEqual(whole);
			})
		);
	});

	it('never throws on arbitrary bytes (property)', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
				const printed = decodeEscPos(bytes);
				expect(Array.isArray(printed)).toBe(true);
			})
		);
	});
});

describe('real-time status (DLE EOT n)', () => {
	it('asks with DLE EOT 1, 2, 3, 4', () => {
		expect([...encodeStatusRequest('printer')]).toEqual([0x10, 0x04, 1]);
		expect([...encodeStatusRequest('offline-cause')]).toEqual([0x10, 0x04, 2]);
		expect([...encodeStatusRequest('error-cause')]).toEqual([0x10, 0x04, 3]);
		expect([...encodeStatusRequest('paper-sensor')]).toEqual([0x10, 0x04, 4]);
	});

	it('reads the bits of each reply', () => {
		expect(decodeStatusReply('printer', 0x12)).toEqual({ offline: false });
		expect(decodeStatusReply('printer', 0x1a)).toEqual({ offline: true });
		expect(decodeStatusReply('offline-cause', 0x16)).toEqual({ coverOpen: true, paperEndStop: false, error: false });
		expect(decodeStatusReply('offline-cause', 0x72)).toEqual({ coverOpen: false, paperEndStop: true, error: true });
		expect(decodeStatusReply('error-cause', 0x1a)).toEqual({ cutterError: true, unrecoverableError: false, autoRecoverableError: false });
		expect(decodeStatusReply('paper-sensor', 0x12)).toEqual({ paperNearEnd: false, paperOut: false });
		expect(decodeStatusReply('paper-sensor', 0x1e)).toEqual({ paperNearEnd: true, paperOut: false });
		expect(decodeStatusReply('paper-sensor', 0x7e)).toEqual({ paperNearEnd: true, paperOut: true });
	});

	it('writes the replies a simulator sends', () => {
		expect(encodeStatusReply('printer', { offline: true })).toBe(0x1a);
		expect(encodeStatusReply('offline-cause', { coverOpen: true, paperEndStop: true, error: false })).toBe(0x36);
		expect(encodeStatusReply('paper-sensor', { paperNearEnd: true, paperOut: true })).toBe(0x7e);
		expect(encodeStatusReply('error-cause', { cutterError: false, unrecoverableError: true, autoRecoverableError: false })).toBe(0x32);
	});

	it('does not take XON, XOFF or other bytes for a reply', () => {
		for (const byte of [0x11, 0x13, 0x00, 0xff, 0x10, 0x41]) {
			expect(isStatusReplyByte(byte)).toBe(false);
			expect(decodeStatusReply('printer', byte)).toBeNull();
		}
	});
});
