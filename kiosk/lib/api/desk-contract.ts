/**
 * The desk's accounts API (/api/desk/session, /api/desk/accounts, /api/desk/audit): shapes shared
 * by the server routes and the desk page. Kept apart from the member contract: other users, other errors.
 */
import type { DeviceInfo } from './contract';

export const STAFF_ROLES = ['staff', 'technician', 'admin'] as const;
/**
 * `staff`: desk work with members; `technician`: the devices (technician page); `admin`: the
 * accounts and the audit log, and everything staff and technicians may do.
 */
export type StaffRole = (typeof STAFF_ROLES)[number];

/** GET /api/desk/session, and the answer to a login or an unlock. */
export interface DeskSessionInfo {
	name: string;
	role: StaffRole;
	/** The screen locks after this many minutes without input (DESK_IDLE_MINUTES). */
	idleMinutes: number;
}

export interface DeskApiError {
	error:
		/** No desk session: log in. */
		| 'no-session'
		/** The session is locked after DESK_IDLE_MINUTES: the same account's password opens it (`name`, `role` say whose). */
		| 'locked'
		/** Logged in, but this is not for the account's role. */
		| 'forbidden'
		| 'wrong-password'
		/** 5 wrong passwords: this account cannot log in here for 15 minutes. */
		| 'account-locked'
		/** Too many desk logins at this kiosk in the last minute. */
		| 'too-many-attempts'
		/** A new password shorter than the minimum (`minLength`). */
		| 'password-too-short'
		| 'password-too-long'
		| 'invalid-name'
		| 'account-exists'
		| 'no-such-account'
		| 'bad-request'
		| 'internal';
	name?: string;
	role?: StaffRole;
	minLength?: number;
}

/** GET /api/desk/accounts (admin): no password hashes, ever. */
export interface StaffAccountView {
	name: string;
	role: StaffRole;
	disabled: boolean;
	/** ISO 8601. */
	createdAt: string;
	passwordChangedAt: string;
}

/** GET /api/desk/audit (admin), newest first. A member appears only as a masked card number. */
export interface AuditEntryView {
	id: number;
	/** ISO 8601. */
	at: string;
	actor: string;
	action: string;
	subject: string;
	detail: string;
}

/** One local hour of today on the desk dashboard, 0 to 23. `queued`: of these loans and returns, how many were stored offline. */
export interface DashboardHour {
	hour: number;
	loans: number;
	returns: number;
	queued: number;
}

/**
 * GET /api/desk/dashboard (every desk role): counts and states only. No card, no name, no item:
 * nothing in it is about a member (server/staff/circulation-hours.ts).
 */
export interface DeskDashboard {
	/** The kiosk's local today, all 24 hours. */
	today: DashboardHour[];
	/** Store and forward: working online, transactions waiting to be replayed, refused replays. */
	library: { online: boolean; waiting: number; exceptions: number };
	/** The same devices as the technician page (the RFID pad first), without what lies on the pad. */
	devices: DeviceInfo[];
}
