import { describe, expect, it } from 'vitest';
import type { KioskSettings } from '../../kiosk/lib/api/settings-contract';
import { describeChange, diffSettings, environmentSettings, exportSettings, KioskSettingsError, parseKioskSettings, parseSettingsFile } from './kiosk-settings';

/** The demo's environment: no SIP2_HOST, nothing else set. */
const ENV = {};
const demo = environmentSettings(ENV).settings;

function refusal(run: () => unknown): { field: string; problem: string } | null {
	try {
		run();
		return null;
	} catch (error) {
		if (error instanceof KioskSettingsError) return { field: error.field, problem: error.problem };
		throw error;
	}
}

const withValue = <S extends keyof KioskSettings>(section: S, field: keyof KioskSettings[S], value: unknown): unknown => ({ ...demo, [section]: { ...demo[section], [field]: value } });

describe('kiosk settings', () => {
	it('are the environment’s when nothing is saved, every value as the text of its variable', () => {
		expect(demo.library).toEqual({ host: '', port: '6001', institutionId: '', user: '', location: 'kiosk' });
		expect(demo.offline).toEqual({ borrowing: '1', maxItems: '5', dueDays: '21', exceptionDays: '30', cardPattern: '[0-9]{14}' });
		expect(demo.idle).toEqual({ timeoutS: '60', warningS: '30', deskMinutes: '10' });
		expect(demo.languages).toEqual({ default: 'nl', toggle: '1' });
		expect(demo.devices.rfidAfiOnLoan).toBe('C2');
		const env = environmentSettings({ SIP2_HOST: 'koha.example.org', SIP2_PORT: '6002', SIP2_USER: 'kiosk1', SIP2_INSTITUTION: 'CPL', IDLE_TIMEOUT_S: '90', LANGUAGE_DEFAULT: 'en', LANGUAGE_TOGGLE: '0', OFFLINE_BORROW: 'no' });
		expect(env.settings.library).toEqual({ host: 'koha.example.org', port: '6002', institutionId: 'CPL', user: 'kiosk1', location: 'kiosk' });
		expect([env.settings.idle.timeoutS, env.settings.languages, env.settings.offline.borrowing]).toEqual(['90', { default: 'en', toggle: '0' }, '0']);
	});

	it('lie over the environment and make the configuration the kiosk runs with, normalised', () => {
		const parsed = parseKioskSettings(
			{ ...demo, idle: { timeoutS: '090', warningS: '25', deskMinutes: '5' }, offline: { ...demo.offline, borrowing: 'yes', maxItems: '3', cardPattern: '^[0-9]{10}$' }, languages: { default: 'EN', toggle: '0' } },
			{ IDLE_TIMEOUT_S: '30' }
		);
		expect([parsed.config.idleTimeoutS, parsed.config.idleWarningS, parsed.config.desk.idleMinutes]).toEqual([90, 25, 5]);
		expect(parsed.config.offline.maxItemsPerMember).toBe(3);
		expect(parsed.config.offline.cardPattern.test('0123456789')).toBe(true);
		expect(parsed.config.languages).toEqual({ default: 'en', toggle: false });
		expect(parsed.settings.idle.timeoutS).toBe('90');
		expect(parsed.settings.offline).toMatchObject({ borrowing: '1', cardPattern: '[0-9]{10}' });
		expect(parsed.settings.languages.default).toBe('en');
		expect(parsed.config.librarySystem).toBeNull();
		const real = parseKioskSettings({ ...demo, library: { host: 'sip.example.org', port: '6010', institutionId: 'X', user: 'k', location: 'CEN' } }, { SIP2_PASSWORD: 'from-env' });
		expect(real.config.librarySystem).toMatchObject({ host: 'sip.example.org', port: 6010, user: 'k', password: 'from-env', location: 'CEN' });
		const saved = parseKioskSettings({ ...demo, library: { ...demo.library, host: 'sip.example.org' } }, { SIP2_PASSWORD: 'from-env' }, { password: 'typed' });
		expect(saved.config.librarySystem?.password).toBe('typed');
	});

	it('refuse a bad value naming the field, with the same words as the environment gets', () => {
		expect(refusal(() => parseKioskSettings(withValue('idle', 'timeoutS', 'soon'), ENV))).toEqual({ field: 'idle.timeoutS', problem: 'must be a whole number from 1 to 3600, got "soon"' });
		expect(refusal(() => parseKioskSettings(withValue('idle', 'warningS', '0'), ENV))?.field).toBe('idle.warningS');
		expect(refusal(() => parseKioskSettings(withValue('idle', 'deskMinutes', '1000'), ENV))?.field).toBe('idle.deskMinutes');
		expect(refusal(() => parseKioskSettings(withValue('offline', 'cardPattern', '[0-9'), ENV))).toEqual({ field: 'offline.cardPattern', problem: 'must be a regular expression' });
		expect(refusal(() => parseKioskSettings(withValue('offline', 'borrowing', 'maybe'), ENV))?.field).toBe('offline.borrowing');
		expect(refusal(() => parseKioskSettings(withValue('languages', 'default', 'fr'), ENV))).toEqual({ field: 'languages.default', problem: 'must be nl or en' });
		expect(refusal(() => parseKioskSettings(withValue('devices', 'rfidAfiOnLoan', 'XYZ'), ENV))?.field).toBe('devices.rfidAfiOnLoan');
		// The demo uses no library values, but they are kept and exported: checked all the same.
		expect(refusal(() => parseKioskSettings(withValue('library', 'port', '70000'), ENV))?.field).toBe('library.port');
		expect(refusal(() => parseKioskSettings(withValue('idle', 'timeoutS', 60), ENV))?.field).toBe('idle.timeoutS');
		expect(refusal(() => parseKioskSettings({ ...demo, idle: undefined }, ENV))?.field).toBe('idle.timeoutS');
		expect(refusal(() => parseKioskSettings(withValue('idle', 'sleepS' as 'timeoutS', '5'), ENV))).toEqual({ field: 'file', problem: 'unknown field idle.sleepS' });
		expect(refusal(() => parseKioskSettings([], ENV))?.field).toBe('file');
	});

	it('take a missing section from the base (a file saved before the section existed)', () => {
		const parsed = parseKioskSettings({ devices: { ...demo.devices, rfidAfiOnLoan: 'C3' } }, { IDLE_TIMEOUT_S: '45' }, { base: { ...demo, idle: { ...demo.idle, timeoutS: '45' } } });
		expect([parsed.settings.devices.rfidAfiOnLoan, parsed.settings.idle.timeoutS, parsed.config.rfid.afiOnLoan]).toEqual(['C3', '45', 0xc3]);
	});

	it('list what changed, field by field, and a secret only as changed', () => {
		const after: KioskSettings = { ...demo, idle: { ...demo.idle, timeoutS: '90' }, devices: { ...demo.devices, rfidPort: '' }, library: { ...demo.library, host: 'sip.example.org' } };
		const changes = diffSettings(demo, after, true);
		expect(changes).toEqual([
			{ field: 'library.host', from: '', to: 'sip.example.org' },
			{ field: 'idle.timeoutS', from: '60', to: '90' },
			{ field: 'library.password', secret: true }
		]);
		expect(changes.map(describeChange)).toEqual(['library.host: "" → sip.example.org', 'idle.timeoutS: 60 → 90', 'library.password: changed']);
		expect(diffSettings(demo, structuredClone(demo))).toEqual([]);
	});

	it('export every section, no secret, and say which secrets were left out; the file imports as it was', () => {
		const file = exportSettings(demo, new Date('2026-03-01T10:00:00Z'));
		expect(file).toMatchObject({ format: 'kiosk-settings', version: 1, exportedAt: '2026-03-01T10:00:00.000Z', ...demo });
		expect(file.secretsLeftOut).toEqual(['library.password', 'offline.key', 'devices.paymentPassword', 'smtp.password']);
		expect(JSON.stringify(file)).not.toMatch(/"password"/);
		expect(parseSettingsFile(JSON.parse(JSON.stringify(file)), ENV).settings).toEqual(demo);
	});

	it('refuse an import that is not a whole, good settings file of this version, or that carries a secret', () => {
		const file = exportSettings(demo);
		expect(refusal(() => parseSettingsFile('hello', ENV))?.field).toBe('file');
		expect(refusal(() => parseSettingsFile({ ...file, format: 'other' }, ENV))?.field).toBe('format');
		expect(refusal(() => parseSettingsFile({ ...file, version: 2 }, ENV))?.field).toBe('version');
		expect(refusal(() => parseSettingsFile({ ...file, library: { ...file.library, password: 'x' } }, ENV))?.field).toBe('library.password');
		expect(refusal(() => parseSettingsFile({ ...file, offline: undefined }, ENV))?.field).toBe('offline.borrowing');
		expect(refusal(() => parseSettingsFile({ ...file, extra: 1 }, ENV))).toEqual({ field: 'file', problem: 'unknown field extra' });
		expect(refusal(() => parseSettingsFile({ ...file, idle: { ...file.idle, warningS: '-1' } }, ENV))?.field).toBe('idle.warningS');
	});
});
