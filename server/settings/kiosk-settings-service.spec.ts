import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskSettings } from '../../kiosk/lib/api/settings-contract';
import type { DevicesConfig, RfidConfig } from '../config';
import { silentLogger } from '../logging/logger';
import { environmentSettings, exportSettings, KioskSettingsError } from './kiosk-settings';
import { KioskSettingsService } from './kiosk-settings-service';
import { KioskSettingsStore } from './kiosk-settings-store';

const ENV = {};

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'kiosk-settings-service-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

/** A service over the demo's settings with every target recorded. */
function setUp() {
	const start = environmentSettings(ENV);
	const config = start.config;
	const ledgerPolicy = config.offline;
	const audit: { actor: string; action: string; detail: string }[] = [];
	const applied: RfidConfig[] = [];
	const hardware = {
		rfidConfig: config.rfid,
		devicesConfig: config.devices,
		async apply(rfid: RfidConfig, devices: DevicesConfig) {
			applied.push(rfid);
			hardware.rfidConfig = rfid;
			hardware.devicesConfig = devices;
		}
	};
	const limits = { memberMs: 0, deskMs: 0 };
	const store = new KioskSettingsStore(join(dir, 'kiosk-settings.json'));
	const service = new KioskSettingsService({
		store,
		env: ENV,
		current: start,
		targets: {
			config,
			hardware,
			memberSessions: { setMaxIdleMs: (ms) => (limits.memberMs = ms) },
			deskSessions: { setIdleMs: (ms) => (limits.deskMs = ms) },
			audit: { record: (actor, action, _subject, detail = '') => void audit.push({ actor, action, detail }) },
			log: silentLogger
		},
		sessionGraceS: 15,
		now: () => new Date('2026-03-01T10:00:00Z')
	});
	return { service, config, ledgerPolicy, audit, applied, limits, store, settings: start.settings };
}

const refusal = async (run: () => Promise<unknown>): Promise<string | null> => {
	try {
		await run();
		return null;
	} catch (error) {
		if (error instanceof KioskSettingsError) return error.field;
		throw error;
	}
};

describe('KioskSettingsService', () => {
	it('saves, applies at once what it can, and audits one entry per changed field', async () => {
		const { service, config, ledgerPolicy, audit, applied, limits, store, settings } = setUp();
		const next: KioskSettings = {
			...settings,
			idle: { timeoutS: '90', warningS: '30', deskMinutes: '5' },
			offline: { ...settings.offline, maxItems: '3' },
			languages: { default: 'en', toggle: '0' },
			devices: { ...settings.devices, rfidAfiOnLoan: 'C3' }
		};
		const result = await service.save('tess', { settings: next });
		expect(result.changes.map((change) => change.field)).toEqual(['devices.rfidAfiOnLoan', 'offline.maxItems', 'idle.timeoutS', 'idle.deskMinutes', 'languages.default', 'languages.toggle']);
		expect(audit).toEqual([
			{ actor: 'tess', action: 'settings-changed', detail: 'devices.rfidAfiOnLoan: C2 → C3' },
			{ actor: 'tess', action: 'settings-changed', detail: 'offline.maxItems: 5 → 3' },
			{ actor: 'tess', action: 'settings-changed', detail: 'idle.timeoutS: 60 → 90' },
			{ actor: 'tess', action: 'settings-changed', detail: 'idle.deskMinutes: 10 → 5' },
			{ actor: 'tess', action: 'settings-changed', detail: 'languages.default: nl → en' },
			{ actor: 'tess', action: 'settings-changed', detail: 'languages.toggle: 1 → 0' }
		]);
		// Live: the devices swapped, the ledger's own policy object, the idle limits, the languages.
		expect(applied.map((rfid) => rfid.afiOnLoan)).toEqual([0xc3]);
		expect(config.rfid.afiOnLoan).toBe(0xc3);
		expect(ledgerPolicy.maxItemsPerMember).toBe(3);
		expect([config.idleTimeoutS, config.desk.idleMinutes, limits.memberMs, limits.deskMs]).toEqual([90, 5, (90 + 30 + 15) * 1000, 5 * 60_000]);
		expect(config.languages).toEqual({ default: 'en', toggle: false });
		expect(result.restartNeeded).toBe(false);
		expect(store.load(ENV, settings)?.settings).toEqual(next);

		// The same again changes nothing and writes nothing to the audit log.
		expect((await service.save('tess', { settings: next })).changes).toEqual([]);
		expect(audit).toHaveLength(6);
	});

	it('keeps the password secret: audited as changed, never answered, and the connection waits for a restart', async () => {
		const { service, audit, store, settings } = setUp();
		const result = await service.save('tess', { settings: { ...settings, library: { ...settings.library, host: 'sip.example.org', user: 'kiosk1' } }, password: 'hunter22' });
		expect(audit.map((entry) => entry.detail)).toEqual(['library.host: "" → sip.example.org', 'library.user: "" → kiosk1', 'library.password: changed']);
		expect(JSON.stringify(audit)).not.toContain('hunter22');
		expect(JSON.stringify(result)).not.toContain('hunter22');
		expect([result.passwordSet, result.restartNeeded]).toEqual([true, true]);
		expect(JSON.parse(readFileSync(store.path, 'utf8')).library.password).toBe('hunter22');
		// An empty password field keeps it.
		await service.save('tess', { settings: result.settings, password: '' });
		expect(JSON.parse(readFileSync(store.path, 'utf8')).library.password).toBe('hunter22');
	});

	it('saves nothing when one value is bad', async () => {
		const { service, audit, store, settings, config } = setUp();
		expect(await refusal(() => service.save('tess', { settings: { ...settings, idle: { ...settings.idle, timeoutS: '5000' }, offline: { ...settings.offline, maxItems: '2' } } }))).toBe('idle.timeoutS');
		expect(await refusal(() => service.save('tess', { settings, password: 7 }))).toBe('library.password');
		expect([existsSync(store.path), audit, config.offline.maxItemsPerMember]).toEqual([false, [], 5]);
	});

	it('exports with an audit entry; an import is previewed without change, then applied as a whole, keeping this kiosk’s password', async () => {
		const { service, audit, config, store, settings } = setUp();
		await service.save('tess', { settings, password: 'own-password' });
		audit.length = 0;
		const file = service.exportFile('tess');
		expect(file.exportedAt).toBe('2026-03-01T10:00:00.000Z');
		expect(audit).toEqual([{ actor: 'tess', action: 'settings-exported', detail: '' }]);

		const other = { ...file, offline: { ...file.offline, dueDays: '14' }, idle: { ...file.idle, warningS: '40' } };
		expect(service.preview(other)).toEqual([
			{ field: 'offline.dueDays', from: '21', to: '14' },
			{ field: 'idle.warningS', from: '30', to: '40' }
		]);
		expect([config.offline.dueDays, config.idleWarningS]).toEqual([21, 30]);

		const result = await service.importFile('anna', other);
		expect(result.changes).toHaveLength(2);
		expect(audit.slice(1)).toEqual([
			{ actor: 'anna', action: 'settings-imported', detail: '2 changes' },
			{ actor: 'anna', action: 'settings-changed', detail: 'offline.dueDays: 21 → 14' },
			{ actor: 'anna', action: 'settings-changed', detail: 'idle.warningS: 30 → 40' }
		]);
		expect([config.offline.dueDays, config.idleWarningS]).toEqual([14, 40]);
		expect(JSON.parse(readFileSync(store.path, 'utf8')).library.password).toBe('own-password');
	});

	it('refuses a bad import and changes nothing', async () => {
		const { service, audit, config, settings } = setUp();
		const file = exportSettings(settings);
		expect(await refusal(async () => service.preview({ ...file, idle: { ...file.idle, timeoutS: 'x' } }))).toBe('idle.timeoutS');
		expect(await refusal(() => service.importFile('anna', { ...file, offline: { ...file.offline, maxItems: '1' }, languages: { default: 'de', toggle: '1' } }))).toBe('languages.default');
		expect([audit, config.offline.maxItemsPerMember]).toEqual([[], 5]);
	});
});
