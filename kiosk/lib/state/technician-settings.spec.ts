import { describe, expect, it } from 'vitest';
import type { KioskSettings, SettingsApplied, SettingsChange, SettingsSaveRequest } from '$lib/api/settings-contract';
import { SettingsRefused, TechnicianApiError, type TechnicianApi } from '$lib/services/technician-api';
import { MAX_IMPORT_BYTES, TechnicianSettingsState } from './technician-settings.svelte';

const SETTINGS: KioskSettings = {
	library: { host: '', port: '6001', institutionId: '', user: '', location: 'kiosk' },
	devices: { rfidReader: 'simulator', rfidPort: '', rfidBaudRate: '', rfidDataModel: 'iso28560-3', rfidAfiInLibrary: '07', rfidAfiOnLoan: 'C2', rfidSecurity: 'afi', scanner: 'wedge', printer: 'simulator', payment: 'simulator' },
	offline: { borrowing: '1', maxItems: '5', dueDays: '21', exceptionDays: '30', cardPattern: '[0-9]{14}' },
	idle: { timeoutS: '60', warningS: '30', deskMinutes: '10' },
	languages: { default: 'nl', toggle: '1' }
};
const CHANGE: SettingsChange = { field: 'idle.timeoutS', from: '60', to: '90' };

function fakeApi(overrides: Partial<TechnicianApi> = {}): TechnicianApi & { saved: SettingsSaveRequest[] } {
	const unused = () => Promise.reject(new Error('not used here'));
	const saved: SettingsSaveRequest[] = [];
	const applied = (settings: KioskSettings, changes: SettingsChange[]): SettingsApplied => ({ settings, passwordSet: true, restartNeeded: false, changes });
	return {
		saved,
		devices: unused,
		printTest: unused,
		paymentTest: unused,
		padTest: unused,
		libraryTest: unused,
		settings: async () => ({ settings: structuredClone(SETTINGS), passwordSet: false, restartNeeded: false }),
		saveSettings: async (request) => {
			saved.push(request);
			return applied(request.settings, [CHANGE]);
		},
		previewImport: async () => [CHANGE],
		applyImport: async () => applied({ ...SETTINGS, idle: { ...SETTINGS.idle, timeoutS: '90' } }, [CHANGE]),
		...overrides
	};
}

describe('TechnicianSettingsState', () => {
	it('loads the form, saves it with a typed password, then forgets the password', async () => {
		const api = fakeApi();
		let applied = 0;
		const state = new TechnicianSettingsState(api, () => {}, () => applied++);
		await state.load();
		state.settings!.idle.timeoutS = '90';
		state.password = 'new-password';
		await state.save();
		expect(api.saved).toEqual([{ settings: { ...SETTINGS, idle: { ...SETTINGS.idle, timeoutS: '90' } }, password: 'new-password' }]);
		expect([state.saved, state.password, state.passwordSet, applied]).toEqual([[CHANGE], '', true, 1]);
	});

	it('shows a refused value next to its field; other failures go to the page', async () => {
		const failures: unknown[] = [];
		const state = new TechnicianSettingsState(
			fakeApi({ saveSettings: () => Promise.reject(new SettingsRefused({ error: 'bad-request', field: 'idle.timeoutS', problem: 'must be a whole number' })) }),
			(error) => failures.push(error)
		);
		await state.load();
		await state.save();
		expect([state.refusal?.field, state.saved, failures]).toEqual(['idle.timeoutS', null, []]);
		const lost = new TechnicianSettingsState(fakeApi({ settings: () => Promise.reject(new TechnicianApiError('login')) }), (error) => failures.push(error));
		await lost.load();
		expect(failures).toEqual([new TechnicianApiError('login')]);
	});

	it('imports a file in two steps: the changes first, applied only when confirmed', async () => {
		let previewed: unknown = null;
		const state = new TechnicianSettingsState(fakeApi({ previewImport: async (file) => ((previewed = file), [CHANGE]) }), () => {});
		await state.load();
		await state.chooseImport('{"format":"kiosk-settings"}');
		expect([previewed, state.importChanges, state.settings?.idle.timeoutS]).toEqual([{ format: 'kiosk-settings' }, [CHANGE], '60']);
		await state.applyImport();
		expect([state.imported, state.importChanges, state.importFile, state.settings?.idle.timeoutS]).toEqual([[CHANGE], null, null, '90']);
	});

	it('refuses a file that is not JSON, too big, or bad, and applies nothing', async () => {
		let applies = 0;
		const state = new TechnicianSettingsState(
			fakeApi({
				previewImport: () => Promise.reject(new SettingsRefused({ error: 'bad-request', field: 'version', problem: 'must be 1' })),
				applyImport: async () => {
					applies++;
					throw new Error('not expected');
				}
			}),
			() => {}
		);
		await state.chooseImport('not json');
		expect(state.importRefusal?.field).toBe('file');
		await state.chooseImportFile({ size: MAX_IMPORT_BYTES + 1, text: async () => '{}' });
		expect(state.importRefusal?.problem).toContain('larger than');
		await state.chooseImportFile({ size: 10, text: async () => '{"version":2}' });
		expect([state.importRefusal?.field, state.importChanges]).toEqual(['version', null]);
		await state.applyImport();
		expect(applies).toBe(0);
		state.cancelImport();
		expect(state.importRefusal).toBeNull();
	});
});
