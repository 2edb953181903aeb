import type { DeviceSettings, DeviceSettingsRefusal } from '$lib/api/contract';
import { apiRoute, json, readBody, requireStaff } from '$server/http/api';
import { DeviceSettingsError, settingsOf } from '$server/devices/device-settings-store';
import type { RequestHandler } from './$types';

/** GET: the device settings in use. */
export const GET: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		requireStaff(runtime, event, 'technician');
		return json(settingsOf(runtime.hardware.rfidConfig, runtime.hardware.devicesConfig) satisfies DeviceSettings);
	});

/**
 * PUT {DeviceSettings}: checks, saves (DEVICES_FILE) and applies them without a restart: the old
 * devices stop, new ones start. Answers the applied settings, or 400 with the field and the problem.
 */
export const PUT: RequestHandler = (event) =>
	apiRoute(event, async (runtime) => {
		const { account } = requireStaff(runtime, event, 'technician');
		const body = await readBody(event.request);
		let parsed;
		try {
			parsed = runtime.deviceSettings.save(body as unknown as DeviceSettings);
		} catch (error) {
			if (error instanceof DeviceSettingsError) return json({ error: 'bad-request', field: error.field, problem: error.problem } satisfies DeviceSettingsRefusal, 400);
			throw error;
		}
		const { hardware, log } = runtime;
		await hardware.apply(parsed.rfid, { ...hardware.devicesConfig, scanner: parsed.scanner, printer: parsed.printer, payment: parsed.payment });
		// Keep the runtime's configuration truthful for anyone reading it later.
		runtime.config.rfid = hardware.rfidConfig;
		runtime.config.devices = hardware.devicesConfig;
		log.info('technician changed the device settings', { file: runtime.deviceSettings.path, account });
		runtime.desk.audit.record(account, 'device-settings-changed', null);
		return json(settingsOf(hardware.rfidConfig, hardware.devicesConfig) satisfies DeviceSettings);
	});
