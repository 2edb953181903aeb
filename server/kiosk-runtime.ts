import { CirculationService } from './circulation/circulation-service';
import { LoginGuard } from './circulation/login-guard';
import { MemberSessions } from './circulation/member-sessions';
import { PaymentService } from './payments/payment-service';
import { openSqlitePaymentJournal } from './payments/sqlite-payment-journal';
import type { KioskServerConfig } from './config';
import { DEMO_SIP_LOGIN, startDemoLibrarySystem, type RunningDemoLibrarySystem } from './demo-acs/demo-library-system';
import { DEMO_INSTITUTION } from './demo-library/seed-demo-library';
import type { DeviceHub } from './devices/device-hub';
import type { PadSimulatorControl } from './devices/pad-simulator-control';
import type { RfidSetup } from './devices/rfid-setup';
import { SwitchableDevices } from './devices/switchable-devices';
import { createLogger, logFileWriter, type Logger } from './logging/logger';
import { Sip2Client, tcpTransport } from './sip2';
import { environmentSettings, KioskSettingsError, type ParsedKioskSettings } from './settings/kiosk-settings';
import { KioskSettingsService } from './settings/kiosk-settings-service';
import { KioskSettingsStore, kioskSettingsPath } from './settings/kiosk-settings-store';
import { openStaffDesk, type StaffDesk } from './staff/staff-desk';
import { ReceiptMailer } from './receipts/receipt-mailer';
import { ReceiptService } from './receipts/receipt-service';
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
	/** The technician's settings (SETTINGS_FILE): look, save, export, import; each change applied and audited. */
	settings: KioskSettingsService;
	/** Staff accounts, desk logins (staff, technicians, admins) and the audit log. */
	desk: StaffDesk;
	/** Online or offline (store and forward), the queue's ledger, and the replay. */
	offline: OfflineMode;
	/** The queue and the exceptions list, for staff; and the sealer that opens their card numbers. */
	offlineQueue: OfflineQueueStore;
	sealer: CardSealer;
	/** Paying fees by card (kiosk and desk) or cash (desk), journaled so no payment is lost or doubled. */
	payments: PaymentService;
	/** The member's receipt of their session: printed, or e-mailed to the library system's address. */
	receipts: ReceiptService;
	close(): Promise<void>;
}

const RUNTIME = Symbol.for('library-kiosk.runtime');
type RuntimeHolder = typeof globalThis & { [RUNTIME]?: Promise<KioskRuntime> };

/** Seconds a server-side session outlives the browser's own idle wipe, for a slow network round trip. */
const SESSION_GRACE_S = 15;
/** Approved payments the library system has not confirmed are tried again this often. */
const PAYMENT_RECOVERY_INTERVAL_MS = 5 * 60 * 1000;
/** Refused replays older than the configured days are purged this often. */
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export function getKioskRuntime(): Promise<KioskRuntime> {
	const holder = globalThis as RuntimeHolder;
	holder[RUNTIME] ??= startKioskRuntime();
	return holder[RUNTIME];
}

async function startKioskRuntime(): Promise<KioskRuntime> {
	const environment = environmentSettings(process.env);
	const log = createLogger({ level: environment.config.logLevel, write: environment.config.logFile ? logFileWriter(environment.config.logFile) : undefined });
	// Settings saved from the technician page (SETTINGS_FILE) override the environment's.
	const settingsFile = kioskSettingsPath();
	const settingsStore = new KioskSettingsStore(settingsFile.path, settingsFile.legacyPath);
	const startSettings = loadSavedSettings(settingsStore, environment, log);
	const config = startSettings.config;

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
	const settings = new KioskSettingsService({
		store: settingsStore,
		env: process.env,
		current: startSettings,
		targets: { config, hardware, memberSessions: sessions, deskSessions: desk.auth, audit: desk.audit, log },
		sessionGraceS: SESSION_GRACE_S
	});
	const sweeper = setInterval(() => {
		for (const session of sessions.sweepExpired()) {
			void payments.sessionEnded(session);
			void circulation.endSession(session);
		}
	}, 5_000);
	sweeper.unref();

	const receipts = new ReceiptService({
		libraryName: config.libraryName,
		printer: () => hardware.hub,
		mailer: config.smtp ? new ReceiptMailer(config.smtp, log) : null,
		emailAddressOf: (session) => circulation.receiptEmailAddress(session),
		logger: log
	});

	const payments = new PaymentService({
		journal: openSqlitePaymentJournal(config.payments.journalFile),
		terminal: hardware.cardTerminal,
		library: sip,
		circulation,
		sealer,
		settings: { institutionId: system.institutionId, terminalPassword: system.terminalPassword, keepDays: config.payments.keepDays },
		logger: log
	});
	// What a crash or an unreachable library system left: at start, and whenever the library system is back.
	const recoverPayments = () => void payments.recover().catch((error: unknown) => log.error('payment recovery failed', { problem: String(error) }));
	offline.on('change', (online) => {
		if (online) recoverPayments();
	});
	if (offline.online) recoverPayments();
	// And now and then: a fee paid that timed out while the connection stayed up is sent again too.
	const paymentRecovery = setInterval(() => {
		if (offline.online) recoverPayments();
	}, PAYMENT_RECOVERY_INTERVAL_MS);
	paymentRecovery.unref();

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
		settings,
		desk,
		demoLibrary: demo,
		offline,
		offlineQueue,
		sealer,
		payments,
		receipts,
		async close() {
			clearInterval(sweeper);
			clearInterval(purger);
			clearInterval(paymentRecovery);
			offline.stop();
			await hardware.stop();
			await sip.close();
			offlineQueue.close();
			payments.close();
			desk.close();
			await demo?.close();
		}
	};
}

/** The saved settings over the environment's; the environment's alone when none are saved or the file is bad (logged). */
function loadSavedSettings(store: KioskSettingsStore, environment: ParsedKioskSettings, log: Logger): ParsedKioskSettings {
	try {
		return store.load(process.env, environment.settings) ?? environment;
	} catch (error) {
		if (!(error instanceof KioskSettingsError)) throw error;
		log.error('saved settings ignored', { file: store.path, field: error.field, problem: error.problem });
		return environment;
	}
}
