import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardSealer } from '../../offline/card-sealer';
import { OfflineLedger } from '../../offline/offline-ledger';
import type { OfflineQueueStore } from '../../offline/queue/offline-queue';
import { openSqliteOfflineQueue } from '../../offline/queue/sqlite-offline-queue';
import { CirculationService } from '../../server/circulation/circulation-service';
import { MemberSessions, type MemberSession } from '../../server/circulation/member-sessions';
import type { RunningDemoAcs } from '../../server/demo-acs/demo-acs-server';
import { startDemoLibrarySystem } from '../../server/demo-acs/demo-library-system';
import { Sip2Client, tcpTransport } from '../../server/sip2';
import { CirculationHours } from '../../server/staff/circulation-hours';
import { openSqliteStaffStore } from '../../server/staff/sqlite-staff-store';
import type { StaffStore } from '../../server/staff/staff-store';

/**
 * The dashboard's counts from real transactions: loans and returns through the circulation service
 * against the demo library system over SIP2, online and queued offline, each counted once in the
 * hour of the service's clock, and refusals and renewals not at all.
 */
let dir: string;
let acs: RunningDemoAcs;
let client: Sip2Client;
let staff: StaffStore;
let queue: OfflineQueueStore;
let hours: CirculationHours;
let circulation: CirculationService;
let online = true;
let now = new Date(2026, 10, 23, 9, 15);
const clock = () => now;
const sessions = new MemberSessions(60_000);

beforeAll(async () => {
	dir = mkdtempSync(join(os.tmpdir(), 'kiosk-hours-it-'));
	acs = await startDemoLibrarySystem();
	client = new Sip2Client({ transport: tcpTransport({ host: acs.host, port: acs.port }), login: { user: 'kiosk', password: 'kiosk', locationCode: 'CEN' } });
	client.start();
	await client.waitUntilOnline(5_000);
	staff = openSqliteStaffStore(join(dir, 'staff.db'));
	hours = new CirculationHours(staff, { now: clock });
	queue = openSqliteOfflineQueue(join(dir, 'queue.db'));
	const ledger = new OfflineLedger(queue, createCardSealer(randomBytes(32)), { borrowing: true, maxItemsPerMember: 5, dueDays: 21, cardPattern: /^[0-9]{14}$/ });
	// A switch the test turns: the ledger is real, the library system stays up (nothing is replayed here).
	const offline = {
		ledger,
		get online() {
			return online;
		}
	};
	circulation = new CirculationService(client, { institutionId: 'DEMO', location: 'CEN', terminalPassword: '' }, undefined, clock, null, offline, null, (kind, queued) =>
		hours.record(kind, queued)
	);
});

afterAll(async () => {
	await client.close();
	await acs.close();
	staff.close();
	queue.close();
	rmSync(dir, { recursive: true, force: true });
});

async function logIn(card: string, pin = '1234'): Promise<MemberSession> {
	const { response, member } = await circulation.login(card, pin);
	expect(response.ok).toBe(true);
	return sessions.create(member!.patronId, member!.pin, member!.member);
}

const hour = (value: number) => hours.today()[value]!;

describe('loans and returns per hour', () => {
	it('counts a confirmed loan and a confirmed return in the hour they happened, and nothing refused', async () => {
		const sanne = await logIn('20001000000012');
		expect(await circulation.borrow(sanne, '30001000000010')).toMatchObject({ ok: true, offline: false });
		expect(hour(9)).toEqual({ hour: 9, loans: 1, returns: 0, queued: 0 });

		// Refused: on loan to another member, a reference copy, an unknown item.
		expect(await circulation.borrow(sanne, '30001000000119')).toMatchObject({ ok: false });
		expect(await circulation.borrow(sanne, '30001000000150')).toMatchObject({ ok: false });
		expect(await circulation.returnItem('39999999999999')).toMatchObject({ ok: false });
		// Borrowing what she already has is a renewal at the library system, not another loan.
		expect(await circulation.borrow(sanne, '30001000000010')).toMatchObject({ ok: true, renewed: true });
		expect(hour(9)).toEqual({ hour: 9, loans: 1, returns: 0, queued: 0 });

		now = new Date(2026, 10, 23, 10, 40);
		expect(await circulation.returnItem('30001000000010')).toMatchObject({ ok: true });
		const desk = await circulation.returnItemAtDesk('30001000000143');
		expect(desk.outcome).toMatchObject({ ok: true, action: 'transit' });
		expect(hour(10)).toEqual({ hour: 10, loans: 0, returns: 2, queued: 0 });
		expect(hour(9).loans).toBe(1);
	});

	it('counts loans and returns queued offline, marked as queued, once per item', async () => {
		now = new Date(2026, 10, 23, 15, 5);
		online = false;
		try {
			const daan = await logIn('20001000000053', '');
			expect(await circulation.borrow(daan, '30001000000028')).toMatchObject({ ok: true, offline: true });
			// Scanned again: nothing new was queued, so nothing new is counted.
			expect(await circulation.borrow(daan, '30001000000028')).toMatchObject({ ok: true, offline: true });
			expect(await circulation.returnItem('30001000000036')).toMatchObject({ ok: true, action: 'queued' });
		} finally {
			online = true;
		}
		expect(hour(15)).toEqual({ hour: 15, loans: 1, returns: 1, queued: 2 });
	});

	it('stores counts only: no card, no item anywhere in the table', () => {
		const rows = JSON.stringify(staff.circulationHours('2026-11-23T00', '2026-11-23T23'));
		expect(rows).not.toMatch(/2000100000|3000100000|3999999/);
		expect(Object.keys(staff.circulationHours('2026-11-23T00', '2026-11-23T23')[0]!).sort()).toEqual(['hour', 'loans', 'offlineLoans', 'offlineReturns', 'returns']);
	});
});
