import { describe, expect, it } from 'vitest';
import type { TechnicianDevices } from '$lib/api/contract';
import { TechnicianApiError, type TechnicianApi } from '$lib/services/technician-api';
import { RECENT_SCANS, TechnicianState } from './technician.svelte';

function fakeApi(devices: TechnicianDevices = { devices: [], padTags: [], offline: { online: true, waiting: 0, exceptions: [] } }): TechnicianApi {
	const unused = () => Promise.reject(new Error('not used here'));
	return {
		devices: () => Promise.resolve(devices),
		printTest: unused,
		paymentTest: unused,
		padTest: unused,
		libraryTest: async () => ({ ok: true, ms: 3, online: true, checkoutOk: true, checkinOk: true, offlineOk: true, institutionId: 'DEMO', libraryName: 'Bibliotheek Demostad', protocolVersion: '2.00' }),
		settings: unused,
		saveSettings: unused,
		previewImport: unused,
		applyImport: unused
	};
}

describe('TechnicianState and the desk session', () => {
	it('hands a lost or locked desk session to the desk, forgetting what it showed; a wrong role is its own view', async () => {
		let signedOut = 0;
		let answer: 'ok' | 'login' | 'forbidden' = 'ok';
		const api = fakeApi();
		const technician = new TechnicianState({ ...api, devices: () => (answer === 'ok' ? api.devices() : Promise.reject(new TechnicianApiError(answer))) }, () => signedOut++);
		await technician.refresh();
		technician.scanned('20001000000012');
		expect(technician.view).toBe('devices');
		answer = 'login';
		await technician.refresh();
		expect([technician.view, signedOut, technician.scans]).toEqual(['signed-out', 1, []]);
		answer = 'forbidden';
		await technician.refresh();
		expect(technician.view).toBe('forbidden');
	});
});

describe('TechnicianState scans', () => {
	it('lists scans masked, newest first, and keeps only the last few', async () => {
		const technician = new TechnicianState(fakeApi());
		await technician.refresh();
		technician.scanned('20001000000012');
		technician.scanned('30001000000010');
		expect(technician.scans.map((scan) => [scan.masked, scan.length])).toEqual([
			['**********0010', 14],
			['**********0012', 14]
		]);
		for (let index = 0; index < RECENT_SCANS + 5; index++) technician.scanned(`3000100000${String(index).padStart(4, '0')}`);
		expect(technician.scans).toHaveLength(RECENT_SCANS);
		expect(technician.scans[0]?.masked).toBe(`**********${String(RECENT_SCANS + 4).padStart(4, '0')}`);
	});

	it('lists nothing before a technician is logged in, and forgets the scans at logout', async () => {
		const technician = new TechnicianState(fakeApi());
		technician.scanned('20001000000012');
		expect(technician.scans).toEqual([]);
		await technician.refresh();
		technician.scanned('20001000000012');
		technician.clear();
		expect(technician.scans).toEqual([]);
	});

	it('shows the tags on the pad as the server reports them', async () => {
		const tag = { uid: 'E004010000000001', kind: 'item', id: '30001000000010', part: 1, of: 1, afi: 0x07 };
		const technician = new TechnicianState(fakeApi({ devices: [], padTags: [tag], offline: { online: false, waiting: 3, exceptions: [] } }));
		await technician.refresh();
		expect(technician.padTags).toEqual([tag]);
		expect(technician.offline).toEqual({ online: false, waiting: 3, exceptions: [] });
	});

	it('tests the library system connection, and forgets the answer when the desk locks or logs out', async () => {
		const technician = new TechnicianState(fakeApi());
		await technician.refresh();
		await technician.test('library');
		expect(technician.library).toMatchObject({ ok: true, libraryName: 'Bibliotheek Demostad', online: true });
		technician.clear();
		expect(technician.library).toBeNull();
	});
});
