/**
 * The member who is logged in, as far as the screens may know: the contract's MemberSummary
 * (first name, borrow block, fees). Memory only; a reload or the session end forgets it.
 */
import type { MemberSummary } from '$lib/api/contract';
import type { KioskApi } from '$lib/services/kiosk-api';

export class MemberSession {
	member = $state<MemberSummary | null>(null);

	get loggedIn(): boolean {
		return this.member !== null;
	}

	set(member: MemberSummary): void {
		this.member = member;
	}

	clear(): void {
		this.member = null;
	}

	/**
	 * The member, from memory or (after a reload) from GET /api/account.
	 * Throws the api's error, e.g. `no-session`, which the screens turn into the session end.
	 */
	async ensure(api: Pick<KioskApi, 'account'>): Promise<MemberSummary> {
		if (this.member) return this.member;
		const account = await api.account();
		this.member = account.member;
		return account.member;
	}
}

export const memberSession = new MemberSession();
