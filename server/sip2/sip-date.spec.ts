import { describe, expect, it } from 'vitest';
import { formatSipDate, NO_SIP_DATE, parseSipDate, toIsoCalendarDate } from './sip-date';

describe('SIP2 dates', () => {
	it('formats local time with four blanks for the zone', () => {
		expect(formatSipDate(new Date(2025, 2, 1, 10, 15, 0))).toBe('20250301    101500');
	});

	it('reads local, UTC and loose ILS formats, and gives null for none or garbage', () => {
		expect(parseSipDate('20250322    235900')).toEqual(new Date(2025, 2, 22, 23, 59, 0));
		expect(parseSipDate('20250322   Z235900')).toEqual(new Date(Date.UTC(2025, 2, 22, 23, 59, 0)));
		expect(parseSipDate('2025-03-22')).toEqual(new Date(2025, 2, 22));
		expect(parseSipDate(NO_SIP_DATE)).toBeNull();
		expect(parseSipDate('20251322    235900')).toBeNull();
		expect(parseSipDate('next tuesday')).toBeNull();
	});

	it('gives the calendar date the screens show', () => {
		expect(toIsoCalendarDate(new Date(2026, 11, 4, 23, 59))).toBe('2026-12-04');
	});
});
