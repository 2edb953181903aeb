import { describe, expect, it } from 'vitest';
import { openSqliteStaffStore } from './sqlite-staff-store';
import { AuditLog } from './audit-log';

describe('the audit log', () => {
	it('stores a member only as a masked card number, and masks a card number passed anywhere else too', () => {
		const store = openSqliteStaffStore(':memory:');
		const audit = new AuditLog(store, { keepDays: 365 });
		audit.record('anna', 'member-viewed', { card: '20001000000012' });
		audit.record('anna', 'resolved', { ref: 'exception 20001000000038' }, 'card 20001000000046 at the desk');
		const [resolved, viewed] = audit.entries(10);
		expect(viewed).toMatchObject({ actor: 'anna', action: 'member-viewed', subject: '**********0012' });
		expect(resolved).toMatchObject({ subject: 'exception **********0038', detail: 'card **********0046 at the desk' });
		expect(JSON.stringify(audit.entries(10))).not.toMatch(/2000100000/);
	});

	it('purges entries older than AUDIT_DAYS and keeps the rest', () => {
		const store = openSqliteStaffStore(':memory:');
		let now = Date.parse('2026-01-01T00:00:00Z');
		const audit = new AuditLog(store, { keepDays: 30, now: () => now });
		audit.record('anna', 'login', null);
		now += 20 * 86_400_000;
		audit.record('bert', 'login', null);
		now += 15 * 86_400_000;
		expect(audit.purge()).toBe(1);
		expect(audit.entries(10).map((entry) => entry.actor)).toEqual(['bert']);
		expect(audit.purge()).toBe(0);
	});
});
