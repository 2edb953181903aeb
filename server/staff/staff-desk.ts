/**
 * The desk's parts for the kiosk server: the accounts store (STAFF_DB), logins and sessions, the
 * audit log and the dashboard's hourly counts, each with its purge at start and every hour.
 */
import type { Logger } from '../logging/logger';
import { AuditLog } from './audit-log';
import { CirculationHours } from './circulation-hours';
import { openSqliteStaffStore } from './sqlite-staff-store';
import { StaffAccounts } from './staff-accounts';
import { StaffAuth } from './staff-auth';
import type { StaffStore } from './staff-store';

export interface DeskConfig {
	/** SQLite file of the staff accounts and the audit log (STAFF_DB). */
	dbFile: string;
	/** Minutes without activity before a desk session locks (DESK_IDLE_MINUTES). */
	idleMinutes: number;
	/** Audit entries are kept this many days, then purged (AUDIT_DAYS). */
	auditDays: number;
}

export interface StaffDesk {
	store: StaffStore;
	auth: StaffAuth;
	audit: AuditLog;
	accounts: StaffAccounts;
	/** The dashboard's loans and returns per hour: counts only. */
	hours: CirculationHours;
	config: DeskConfig;
	close(): void;
}

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

export function openStaffDesk(config: DeskConfig, options: { attemptsPerMinute: number; logger: Logger }): StaffDesk {
	const store = openSqliteStaffStore(config.dbFile);
	const auth = new StaffAuth(store, { idleMs: config.idleMinutes * 60_000, attemptsPerMinute: options.attemptsPerMinute, logger: options.logger });
	const audit = new AuditLog(store, { keepDays: config.auditDays, logger: options.logger });
	const hours = new CirculationHours(store, { logger: options.logger });
	audit.purge();
	hours.purge();
	const purger = setInterval(() => {
		audit.purge();
		hours.purge();
	}, PURGE_INTERVAL_MS);
	purger.unref();
	if (store.accounts().length === 0) options.logger.warn('no desk accounts yet: create the first admin with `npm run admin -- create NAME`', { file: config.dbFile });
	return {
		store,
		auth,
		audit,
		accounts: new StaffAccounts(store, audit),
		hours,
		config,
		close() {
			clearInterval(purger);
			store.close();
		}
	};
}
