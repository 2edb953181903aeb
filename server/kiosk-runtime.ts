import { CirculationService } from './circulation/circulation-service';
import { LoginGuard } from './circulation/login-guard';
import { MemberSessions } from './circulation/member-sessions';
import { loadConfig, type KioskServerConfig } from './config';
import { DEMO_SIP_LOGIN, startDemoLibrarySystem, type RunningDemoLibrarySystem } from './demo-acs/demo-library-system';
import { DEMO_INSTITUTION } from './demo-library/seed-demo-library';
import type { DeviceHub } from './devices/device-hub';
import { DeviceSettingsError, DeviceSettingsStore, deviceSettingsPath } from './devices/device-settings-store';
import type { PadSimulatorControl } from './devices/pad-simulator-control';
import type { RfidSetup } from './devices/rfid-setup';
import { SwitchableDevices } from './devices/switchable-devices';
import { createLogger, logFileWriter, type Logger } from './logging/logger';
import { Sip2Client, tcpTransport } from './sip2';
import { openStaffDesk, type StaffDesk } from './staff/staff-desk';
import { createCardSealer, type CardSealer } from '../offline/card-sealer';
import { loadOfflineKey } from '../offline/offline-key';
import { OfflineLedger } from '../offline/offline-ledger';
import { OfflineMode } from '../offline/offline-mode';
import { OfflineReplayer } from '../offline/offline-replayer';
import type { OfflineQueueStore } from '../offline/queue/offline-queue';
import { openSqliteOfflineQueue } from '../offline/queue/sqlite-offline-queue';

/**
 * Everything the kiosk server runs: the library system connection (or the bundled demo), the
 * circulation service and the member sessions. One per process, held on globalThis so a second
 * copy of this module in a bundle cannot open a second connection.
 */
export interface KioskRuntime {
	config: KioskServerConfig;
	log: Logger;
	sip: Sip2Client;
	circulation: CirculationService;
	sessions: MemberSessions;
	/** The RFID pad and, in the demo, its simulator; null when the kiosk has no reader. The current one: it changes when the technician applies settings. */
	readonly rfid: RfidSetup | null;
	/** The bundled demo library system, to take offline and back (demo and tests); null with a real one. */
	demoLibrary: RunningDemoLibrarySystem | null;
	/** Laying tags on the simulated pad (demo and tests); null with a real reader. */
	readonly padSimulator: PadSimulatorControl | null;
	/** Barcode scanner, receipt printer and payment terminal (the current ones). */
	readonly devices: DeviceHub;
	/** The devices behind `rfid`, `padSimulator` and `devices`, swappable at run time; its events survive a swap. */
	hardware: SwitchableDevices;
	/** The technician's saved device settings (DEVICES_FILE). */
	deviceSettings: DeviceSettingsStore;
	/** Staff accounts, desk logins (staff, technicians, admins) and the audit log. */
	desk: StaffDesk;
	/** Online or offline (store and forward), the queue's ledger, and the replay. */
	offline: OfflineMode;
	/** The queue and the exceptions list, for staff; and the sealer that opens their card numbers. */
	offlineQueue: OfflineQueueStore;
	sealer: CardSealer;
	close(): Promise<void>;
}

const RUNTIME = Symbol.for('library-kiosk.runtime');
type RuntimeHolder = typeof globalThis & { [RUNTIME]?: Promise<KioskRuntime> };

/** Seconds a server-side session outlives the browser's own idle wipe, for a slow network round trip. */
const SESSION_GRACE_S = 15;
/** Refused replays older than the configured days are purged this often. */
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export function getKioskRuntime(): Promise<KioskRuntime> {
	const holder = globalThis as RuntimeHolder;
	holder[RUNTIME] ??= startKioskRuntime();
	return holder[RUNTIME];
}

async function startKioskRuntime(): Promise<KioskRuntime> {
	const config = loadConfig();
	const log = createLogger({ level: config.logLevel, write: config.logFile ? logFileWriter(config.logFile) : undefined });

	const demo = config.librarySystem ? null : await startDemoLibrarySystem({ dbFile: config.demoDbFile, logger: log });
	const system = config.librarySystem ?? {
		host: demo!.host,
		port: demo!.port,
		user: DEMO_SIP_LOGIN.user,
		password: DEMO_SIP_LOGIN.password,
		institutionId: DEMO_INSTITUTION,
		location: 'CEN',
		terminalPassword: '',
		pinOnEveryRequest: false,
		tls: false as const,
		terminator: 'CR' as const,
		charset: 'utf-8' as const,
		errorDetection: true,
		requestTimeoutMs: 10_000,
		heartbeatS: 30
	};

	const sip = new Sip2Client({
		transport: tcpTransport({ host: system.host, port: system.port, tls: system.tls }),
		login: system.user ? { user: system.user, password: system.password, locationCode: system.location } : null,
		charset: system.charset,
		terminator: system.terminator,
		errorDetection: system.errorDetection,
		requestTimeoutMs: system.requestTimeoutMs,
		heartbeatMs: system.heartbeatS * 1000,
		logger: log
	});
	sip.start();

	// Device settings saved from the technician page override the environment's.
	const deviceSettings = new DeviceSettingsStore(deviceSettingsPath());
	try {
		const saved = deviceSettings.load();
		if (saved) {
			config.rfid = saved.rfid;
			config.devices = { ...config.devices, scanner: saved.scanner, printer: saved.printer, payment: saved.payment };
		}
	} catch (error) {
		if (!(error instanceof DeviceSettingsError)) throw error;
		log.error('saved device settings ignored', { file: deviceSettings.path, field: error.field, problem: error.problem });
	}
	const hardware = new SwitchableDevices(config.rfid, config.devices, log);

	// Store and forward: the queue's key comes from the environment or its own file, never from the queue.
	const offlineQueue = openSqliteOfflineQueue(config.offline.dbFile);
	const sealer = createCardSealer(loadOfflineKey(config.offline.key, log));
	const ledger = new OfflineLedger(offlineQueue, sealer, config.offline);
	const replayer = new OfflineReplayer(offlineQueue, sealer, sip, { institutionId: system.institutionId, location: system.location, terminalPassword: system.terminalPassword }, log);
	const offline = new OfflineMode(sip, ledger, replayer, log);
	offline.start();
	const purgeExceptions = () => {
		const purged = offlineQueue.purgeExceptions(new Date(Date.now() - config.offline.exceptionDays * 86_400_000));
		if (purged > 0) log.info('old offline exceptions purged', { purged });
	};
	purgeExceptions();
	const purger = setInterval(purgeExceptions, PURGE_INTERVAL_MS);
	purger.unref();

	const circulation = new CirculationService(
		sip,
		{ institutionId: system.institutionId, location: system.location, terminalPassword: system.terminalPassword, pinOnEveryRequest: system.pinOnEveryRequest },
		log,
		undefined,
		hardware.security,
		offline,
		new LoginGuard({
			maxPinAttempts: config.loginLimits.pinMaxAttempts,
			lockMs: config.loginLimits.pinLockMinutes * 60_000,
			attemptsPerMinute: config.loginLimits.attemptsPerMinute,
			logger: log
		}),
		// The dashboard's counts (no personal data); `desk` is opened just below, before any loan can happen.
		(kind, offline) => desk.hours.record(kind, offline)
	);
	const desk = openStaffDesk(config.desk, { attemptsPerMinute: config.loginLimits.attemptsPerMinute, logger: log });
	const sessions = new MemberSessions((config.idleTimeoutS + config.idleWarningS + SESSION_GRACE_S) * 1000);
	const sweeper = setInterval(() => {
		for (const session of sessions.sweepExpired()) void circulation.endSession(session);
	}, 5_000);
	sweeper.unref();

	log.info('kiosk server ready', { librarySystem: config.librarySystem ? 'configured' : 'bundled demo' });
	return {
		config,
		log,
		sip,
		circulation,
		sessions,
		get rfid() {
			return hardware.rfid;
		},
		get padSimulator() {
			return hardware.padSimulator;
		},
		get devices() {
			return hardware.hub;
		},
		hardware,
		deviceSettings,
		desk,
		demoLibrary: demo,
		offline,
		offlineQueue,
		sealer,
		async close() {
			clearInterval(sweeper);
			clearInterval(purger);
			offline.stop();
			await hardware.stop();
			await sip.close();
			offlineQueue.close();
			desk.close();
			await demo?.close();
		}
	};
}
