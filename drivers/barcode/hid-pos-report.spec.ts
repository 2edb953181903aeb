import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	HID_POS_DATA_CAPACITY,
	HID_POS_SCAN_REPORT_ID,
	HID_POS_USAGE_BARCODE_SCANNER,
	HID_POS_USAGE_PAGE,
	HONEYWELL_CODE_IDS,
	HidPosAssembler,
	HidPosReportError,
	SCANNER_VENDOR_IDS,
	decodeHidPosReport,
	encodeHidPosReports,
	hidPosModeFeatureReport,
	honeywellCodeIdFor
} from './hid-pos-report';

/**
 * A report built by hand from the reference sheet's offsets (without report id): [0] count,
 * [1..3] AIM, [4..] data, [60] Honeywell code id, [62] more. 63 bytes.
 */
function webHidReport(count: number, aim: string, data: string, codeId: number, more: number): Buffer {
	const report = Buffer.alloc(63);
	report[0] = count;
	report.write(aim, 1, 'latin1');
	report.write(data, 4, 'latin1');
	report[60] = codeId;
	report[62] = more;
	return report;
}

/** node-hid puts the report id first, so every offset is one higher. */
function nodeHidReport(count: number, aim: string, data: string, codeId: number, more: number): Buffer {
	return Buffer.concat([Buffer.of(0x02), webHidReport(count, aim, data, codeId, more)]);
}

function reportError(run: () => unknown): HidPosReportError {
	try {
		run();
	} catch (error) {
		if (error instanceof HidPosReportError) return error;
		throw new Error(`expected a HidPosReportError, got ${String(error)}`);
	}
	throw new Error('expected a HidPosReportError, nothing was thrown');
}

describe('HID POS constants from the reference sheet', () => {
	it('usage page 0x8C, usage 0x02, scanned data in report 0x02, 63-byte reports with 56 data bytes', () => {
		expect(HID_POS_USAGE_PAGE).toBe(0x8c);
		expect(HID_POS_USAGE_BARCODE_SCANNER).toBe(0x02);
		expect(HID_POS_SCAN_REPORT_ID).toBe(0x02);
		expect(HID_POS_DATA_CAPACITY).toBe(56);
		expect(encodeHidPosReports('1')[0]).toHaveLength(64);
		expect(encodeHidPosReports('1', { withReportId: false })[0]).toHaveLength(63);
	});

	it('vendor ids: Honeywell 0C2E, Zebra 05E0, Datalogic 05F9, Youjie 23D0', () => {
		expect(SCANNER_VENDOR_IDS).toEqual({ honeywell: 0x0c2e, zebra: 0x05e0, datalogic: 0x05f9, youjie: 0x23d0 });
	});

	it('Honeywell and Youjie switch to HID POS with feature report 254 = 01; others need nothing', () => {
		expect([...(hidPosModeFeatureReport(0x0c2e) ?? [])]).toEqual([254, 0x01]);
		expect([...(hidPosModeFeatureReport(0x23d0) ?? [])]).toEqual([254, 0x01]);
		expect(hidPosModeFeatureReport(0x05e0)).toBeNull();
		expect(hidPosModeFeatureReport(0x05f9)).toBeNull();
	});

	it.each([
		[0x61, 'Codabar'],
		[0x6a, 'Code 128'],
		[0x64, 'EAN-13'],
		[0x44, 'EAN-8'],
		[0x62, 'Code 39'],
		[0x65, 'Interleaved 2 of 5']
	])('Honeywell code id 0x%s is %s', (id, name) => {
		expect(HONEYWELL_CODE_IDS[id]).toBe(name);
		expect(honeywellCodeIdFor({ aim: ']X0', name })).toBe(id);
	});
});

describe('decodeHidPosReport', () => {
	it('reads the sheet layout with node-hid offsets (report id first)', () => {
		const decoded = decodeHidPosReport(nodeHidReport(14, ']F0', '30001000000010', 0x61, 0));
		expect(decoded).toEqual({
			symbology: { aim: ']F0', name: 'Codabar' },
			data: Buffer.from('30001000000010'),
			codeId: 0x61,
			more: false
		});
	});

	it('reads the same layout with WebHID offsets (no report id)', () => {
		const decoded = decodeHidPosReport(webHidReport(8, ']C0', 'ITEM0042', 0x6a, 1), { withReportId: false });
		expect(decoded.data.toString()).toBe('ITEM0042');
		expect(decoded.symbology).toEqual({ aim: ']C0', name: 'Code 128' });
		expect(decoded.codeId).toBe(0x6a);
		expect(decoded.more).toBe(true);
	});

	it('gives the same data whether or not the firmware counts the AIM bytes', () => {
		const excluding = decodeHidPosReport(nodeHidReport(8, ']C0', 'ITEM0042', 0, 0));
		const including = decodeHidPosReport(nodeHidReport(11, ']C0', 'ITEM0042', 0, 0));
		expect(including.data.toString()).toBe('ITEM0042');
		expect(including).toEqual(excluding);
	});

	it('has no symbology when the AIM bytes are NULs, and no code id when it is 0', () => {
		const decoded = decodeHidPosReport(nodeHidReport(5, '\0\0\0', '12345', 0, 0));
		expect(decoded.symbology).toBeNull();
		expect(decoded.codeId).toBeNull();
	});

	it('the encoder writes exactly the bytes of the sheet layout', () => {
		const [report] = encodeHidPosReports('30001000000010', { aim: ']F0', codeId: 0x61 });
		expect(report).toEqual(nodeHidReport(14, ']F0', '30001000000010', 0x61, 0));
		const [counted] = encodeHidPosReports('ITEM0042', { aim: ']C0', countIncludesAim: true, withReportId: false });
		expect(counted).toEqual(webHidReport(11, ']C0', 'ITEM0042', 0, 0));
	});

	it('refuses a malformed AIM identifier when encoding', () => {
		expect(() => encodeHidPosReports('1', { aim: ']C' })).toThrow(RangeError);
	});
});

describe('garbage reports give a typed error', () => {
	it.each([
		['an empty report', Buffer.alloc(0), 'empty-report'],
		['another report id', Buffer.concat([Buffer.of(0x04), webHidReport(3, ']C0', 'abc', 0, 0)]), 'not-a-scan-report'],
		['a report cut inside its header', Buffer.of(0x02, 0x05, 0x5d), 'truncated'],
		['a count beyond the report', nodeHidReport(0xff, ']C0', 'abc', 0, 0), 'bad-length'],
		['a count beyond a short report', Buffer.concat([Buffer.of(0x02, 40), Buffer.from(']C0abcdef')]), 'truncated']
	])('%s', (_, report, kind) => {
		expect(reportError(() => decodeHidPosReport(report)).kind).toBe(kind);
	});

	it('never throws anything but HidPosReportError, whatever the bytes', () => {
		fc.assert(
			fc.property(fc.array(fc.uint8Array({ maxLength: 70 }), { maxLength: 5 }), (reports) => {
				const assembler = new HidPosAssembler({ maxScanBytes: 100 });
				for (const report of reports) {
					try {
						const scan = assembler.push(report);
						if (scan !== null && typeof scan.code !== 'string') return false;
					} catch (error) {
						if (!(error instanceof HidPosReportError)) return false;
					}
				}
				return true;
			})
		);
	});
});

describe('HidPosAssembler', () => {
	it('joins a long scan split over several reports by the continuation flag', () => {
		const code = 'https://library.example/item/' + '0123456789'.repeat(10);
		const reports = encodeHidPosReports(code, { aim: ']Q1' });
		expect(reports).toHaveLength(3);
		expect(reports.map((report) => report[63])).toEqual([1, 1, 0]);
		const assembler = new HidPosAssembler();
		expect(assembler.push(reports[0]!)).toBeNull();
		expect(assembler.push(reports[1]!)).toBeNull();
		expect(assembler.push(reports[2]!)).toEqual({ code, symbology: { aim: ']Q1', name: 'QR Code' }, codeId: null });
	});

	it('joins hand-built reports and trims the CR suffix and NUL padding', () => {
		const assembler = new HidPosAssembler({ withReportId: false });
		expect(assembler.push(webHidReport(56, ']C0', 'A'.repeat(56), 0x6a, 1))).toBeNull();
		expect(assembler.push(webHidReport(6, ']C0', 'BCDE\r\0', 0x6a, 0))).toEqual({
			code: 'A'.repeat(56) + 'BCDE',
			symbology: { aim: ']C0', name: 'Code 128' },
			codeId: 0x6a
		});
	});

	it('keeps a scan together when another report interleaves, but drops it after a corrupt one', () => {
		const assembler = new HidPosAssembler();
		const [first, second] = encodeHidPosReports('X'.repeat(60), { aim: ']C0' });
		const status = Buffer.concat([Buffer.of(0x04), Buffer.alloc(63)]);
		expect(assembler.push(first!)).toBeNull();
		expect(reportError(() => assembler.push(status)).kind).toBe('not-a-scan-report');
		expect(assembler.push(second!)?.code).toBe('X'.repeat(60));

		expect(assembler.push(first!)).toBeNull();
		expect(reportError(() => assembler.push(Buffer.of(0x02, 0x01))).kind).toBe('truncated');
		// The tail of the broken scan must not glue onto anything: it comes out alone.
		expect(assembler.push(second!)?.code).toBe('XXXX');
	});

	it('refuses a scan whose continuation flag never clears, then reads the next scan', () => {
		const assembler = new HidPosAssembler({ maxScanBytes: 120 });
		const stuck = encodeHidPosReports('Y'.repeat(300))[0]!;
		expect(assembler.push(stuck)).toBeNull();
		expect(assembler.push(stuck)).toBeNull();
		expect(reportError(() => assembler.push(stuck)).kind).toBe('too-long');
		expect(assembler.push(encodeHidPosReports('30001000000010')[0]!)?.code).toBe('30001000000010');
	});

	it('refuses a scan without data', () => {
		const assembler = new HidPosAssembler();
		expect(reportError(() => assembler.push(nodeHidReport(0, ']C0', '', 0, 0))).kind).toBe('empty-scan');
		expect(reportError(() => assembler.push(nodeHidReport(1, ']C0', '\r', 0, 0))).kind).toBe('empty-scan');
	});

	it('reassembles whatever the encoder splits, with either count convention', () => {
		fc.assert(
			fc.property(
				fc.string({ minLength: 1, maxLength: 400, unit: fc.constantFrom(...'0123456789ABCXYZ-./: ') }).filter((code) => code.trim() === code),
				fc.constantFrom(null, ']C0', ']F0', ']E0'),
				fc.boolean(),
				(code, aim, countIncludesAim) => {
					const assembler = new HidPosAssembler();
					const scans = encodeHidPosReports(code, { aim, countIncludesAim }).map((report) => assembler.push(report));
					return scans.slice(0, -1).every((scan) => scan === null) && scans.at(-1)?.code === code && scans.at(-1)?.symbology?.aim === (aim ?? undefined);
				}
			)
		);
	});
});
