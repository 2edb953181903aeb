import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { environmentSettings, KioskSettingsError, parseKioskSettings } from './kiosk-settings';
import { KioskSettingsStore, kioskSettingsPath } from './kiosk-settings-store';

const ENV = {};
const base = environmentSettings(ENV).settings;

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'kiosk-settings-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

function refusal(run: () => unknown): string | null {
	try {
		run();
		return null;
	} catch (error) {
		if (error instanceof KioskSettingsError) return error.field;
		throw error;
	}
}

describe('the kiosk settings file', () => {
	it('round-trips, written atomically with mode 0600 and no temp file left, the password kept in it', () => {
		const store = new KioskSettingsStore(join(dir, 'kiosk-settings.json'));
		expect(store.load(ENV, base)).toBeNull();
		const settings = { ...base, idle: { ...base.idle, timeoutS: '75' }, devices: { ...base.devices, rfidAfiOnLoan: 'C3' } };
		store.save(parseKioskSettings(settings, ENV, { password: 's3cret' }));
		expect(readdirSync(dir)).toEqual(['kiosk-settings.json']);
		expect(statSync(store.path).mode & 0o777).toBe(0o600);
		const loaded = store.load(ENV, base);
		expect(loaded?.settings).toEqual(settings);
		expect(loaded?.password).toBe('s3cret');
		expect(loaded?.config.idleTimeoutS).toBe(75);
		expect(JSON.parse(readFileSync(store.path, 'utf8'))).toMatchObject({ format: 'kiosk-settings', version: 1, library: { password: 's3cret' } });
		// Without a typed password the file holds none: the environment's applies.
		store.save(parseKioskSettings(settings, ENV));
		expect(JSON.parse(readFileSync(store.path, 'utf8')).library).not.toHaveProperty('password');
		expect(store.load(ENV, base)?.password).toBeNull();
	});

	it('reads the device settings file of earlier versions as the devices section', () => {
		const legacy = { ...base.devices, rfidAfiOnLoan: 'C4' };
		writeFileSync(join(dir, 'kiosk-devices.json'), JSON.stringify(legacy));
		const same = new KioskSettingsStore(join(dir, 'kiosk-devices.json'));
		expect(same.load(ENV, base)?.settings).toEqual({ ...base, devices: legacy });
		// Without SETTINGS_FILE or DEVICES_FILE: kiosk-settings.json, and until that exists the old kiosk-devices.json.
		const moved = new KioskSettingsStore(join(dir, 'kiosk-settings.json'), join(dir, 'kiosk-devices.json'));
		const loaded = moved.load(ENV, base);
		expect(loaded?.settings.devices.rfidAfiOnLoan).toBe('C4');
		moved.save(loaded!);
		writeFileSync(join(dir, 'kiosk-devices.json'), JSON.stringify({ ...legacy, rfidAfiOnLoan: 'C5' }));
		expect(moved.load(ENV, base)?.settings.devices.rfidAfiOnLoan).toBe('C4');
	});

	it('refuses a file that is not JSON, not ours, or has a bad value', () => {
		const store = new KioskSettingsStore(join(dir, 'kiosk-settings.json'));
		writeFileSync(store.path, 'not json');
		expect(refusal(() => store.load(ENV, base))).toBe('file');
		writeFileSync(store.path, JSON.stringify({ format: 'something', version: 1 }));
		expect(refusal(() => store.load(ENV, base))).toBe('format');
		writeFileSync(store.path, JSON.stringify({ format: 'kiosk-settings', version: 1, idle: { timeoutS: 'x', warningS: '30', deskMinutes: '10' } }));
		expect(refusal(() => store.load(ENV, base))).toBe('idle.timeoutS');
	});

	it('lives in SETTINGS_FILE, DEVICES_FILE (its old name), or kiosk-settings.json in the working directory', () => {
		expect(kioskSettingsPath({ SETTINGS_FILE: '/var/lib/kiosk/settings.json', DEVICES_FILE: '/x.json' })).toEqual({ path: '/var/lib/kiosk/settings.json', legacyPath: null });
		expect(kioskSettingsPath({ DEVICES_FILE: '/var/lib/kiosk/devices.json' })).toEqual({ path: '/var/lib/kiosk/devices.json', legacyPath: null });
		expect(kioskSettingsPath({})).toEqual({ path: join(process.cwd(), 'kiosk-settings.json'), legacyPath: join(process.cwd(), 'kiosk-devices.json') });
	});
});
