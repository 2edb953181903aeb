import { afterEach, describe, expect, it } from 'vitest';
import { formatKoc, KocFormatError, type KocEntry } from './koc-export';

const ENTRIES: KocEntry[] = [
	{ kind: 'checkout', itemId: '30001000000010', transactedAt: new Date('2026-11-23T09:15:07.004Z'), card: '20001000000012' },
	{ kind: 'checkin', itemId: '30001000000028', transactedAt: new Date('2026-11-23T09:16:30.474Z'), card: null },
	{ kind: 'checkout', itemId: '30001000000036', transactedAt: new Date('2026-11-23T23:59:59.999Z'), card: '20001000000020' }
];

describe('formatKoc', () => {
	it("writes Koha's header and one line per entry, in the kiosk's local time, in queue order", () => {
		expect(formatKoc(ENTRIES, '0.1.0', { utcOffsetMinutes: () => 60 })).toBe(
			'Version=1.0\tGenerator=library-kiosk\tGeneratorVersion=0.1.0\n' +
				'2026-11-23 10:15:07 004\tissue\t20001000000012\t30001000000010\n' +
				'2026-11-23 10:16:30 474\treturn\t30001000000028\n' +
				'2026-11-24 00:59:59 999\tissue\t20001000000020\t30001000000036\n'
		);
	});

	it('asks the offset per moment, so a spell across a daylight saving change stays right', () => {
		const summer = new Date('2026-10-25T00:30:00.000Z');
		const winter = new Date('2026-10-25T01:30:00.000Z');
		const europeAmsterdam = (at: Date) => (at.getTime() < Date.parse('2026-10-25T01:00:00Z') ? 120 : 60);
		const text = formatKoc(
			[
				{ kind: 'checkin', itemId: 'A', transactedAt: summer, card: null },
				{ kind: 'checkin', itemId: 'B', transactedAt: winter, card: null }
			],
			'1',
			{ utcOffsetMinutes: europeAmsterdam }
		);
		expect(text.split('\n').slice(1, 3)).toEqual(['2026-10-25 02:30:00 000\treturn\tA', '2026-10-25 02:30:00 000\treturn\tB']);
	});

	describe('in the process time zone by default', () => {
		const saved = process.env.TZ;
		afterEach(() => {
			if (saved === undefined) delete process.env.TZ;
			else process.env.TZ = saved;
		});

		it('uses TZ', () => {
			process.env.TZ = 'America/New_York';
			expect(formatKoc([ENTRIES[1]!], '1').split('\n')[1]).toBe('2026-11-23 04:16:30 474\treturn\t30001000000028');
			process.env.TZ = 'UTC';
			expect(formatKoc([ENTRIES[1]!], '1').split('\n')[1]).toBe('2026-11-23 09:16:30 474\treturn\t30001000000028');
		});
	});

	it('writes just the header for no entries', () => {
		expect(formatKoc([], '2.0.0')).toBe('Version=1.0\tGenerator=library-kiosk\tGeneratorVersion=2.0.0\n');
	});

	it('refuses a tab or line break in an id rather than writing a broken file, without echoing the value', () => {
		for (const bad of ['3000\t1', '3000\n1', '3000\r1']) {
			expect(() => formatKoc([{ ...ENTRIES[1]!, itemId: bad }], '1')).toThrow(KocFormatError);
		}
		try {
			formatKoc([ENTRIES[0]!, { ...ENTRIES[0]!, card: '2000100000\t0012' }], '1');
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(KocFormatError);
			expect((error as Error).message).toBe('entry 2: the card number contains a tab or line break');
		}
	});

	it('refuses a checkout without a card, an empty id, a bad date and a header-breaking version', () => {
		expect(() => formatKoc([{ ...ENTRIES[0]!, card: null }], '1')).toThrow('entry 1: a checkout needs the card number');
		expect(() => formatKoc([{ ...ENTRIES[0]!, card: '' }], '1')).toThrow(KocFormatError);
		expect(() => formatKoc([{ ...ENTRIES[1]!, itemId: '' }], '1')).toThrow(KocFormatError);
		expect(() => formatKoc([{ ...ENTRIES[1]!, transactedAt: new Date(NaN) }], '1')).toThrow(KocFormatError);
		expect(() => formatKoc([], '1=2')).toThrow(KocFormatError);
		expect(() => formatKoc([], '1\t2')).toThrow(KocFormatError);
	});
});
