import { randomBytes } from 'node:crypto';
import type { MemberSummary } from '../../kiosk/lib/api/contract';
import { SessionReceipt } from '../receipts/session-receipt';

/**
 * Who is logged in at the kiosk, held in server memory only. The browser holds nothing but an
 * opaque, random session id in an httpOnly cookie. A session ends on "finish", on the idle wipe,
 * or here when the browser stopped asking (the kiosk lost power, the tab crashed).
 */
export interface MemberSession {
	readonly id: string;
	readonly patronId: string;
	/**
	 * Only for library systems configured to want the PIN (AD) on every transaction; otherwise
	 * null: the PIN is checked once at login and not kept. Never logged, never sent to the browser.
	 */
	readonly pin: string | null;
	member: MemberSummary;
	lastSeen: number;
	/** What this session did that may go on a receipt; dropped with the session. */
	readonly receipt: SessionReceipt;
}

export class MemberSessions {
	private readonly sessions = new Map<string, MemberSession>();

	constructor(
		/** A session unused this long is over: idle timeout + warning + a margin. */
		private maxIdleMs: number,
		private readonly now: () => number = Date.now
	) {}

	/** The idle timeouts changed on the technician page: sessions already open get the new limit too. */
	setMaxIdleMs(ms: number): void {
		this.maxIdleMs = ms;
	}

	create(patronId: string, pin: string | null, member: MemberSummary): MemberSession {
		const session: MemberSession = { id: randomBytes(32).toString('base64url'), patronId, pin, member, lastSeen: this.now(), receipt: new SessionReceipt() };
		this.sessions.set(session.id, session);
		return session;
	}

	/** The live session with this id, marked as just used; null if unknown or expired. */
	touch(id: string | undefined): MemberSession | null {
		if (!id) return null;
		const session = this.sessions.get(id);
		if (!session) return null;
		if (this.now() - session.lastSeen > this.maxIdleMs) return null;
		session.lastSeen = this.now();
		return session;
	}

	/** Removes and returns the session (null if there was none). Idempotent. */
	end(id: string | undefined): MemberSession | null {
		if (!id) return null;
		const session = this.sessions.get(id) ?? null;
		this.sessions.delete(id);
		return session;
	}

	/** Removes and returns every session idle for longer than allowed. */
	sweepExpired(): MemberSession[] {
		const expired = [...this.sessions.values()].filter((session) => this.now() - session.lastSeen > this.maxIdleMs);
		for (const session of expired) this.sessions.delete(session.id);
		return expired;
	}

	get size(): number {
		return this.sessions.size;
	}
}
