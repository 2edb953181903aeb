/**
 * The staff desk's work with members: look a member up by card, lend to them, take returns (with
 * the slip), renew, and settle the offline exceptions. The member's card and data live only in
 * this object; the page clears it at lock, logout and "next member".
 */
import type { BorrowOutcome, DeskCheckinResult, DeskMemberView, OfflineOverview, RenewOutcome } from '$lib/api/contract';
import { DeskApiFailure, type DeskApi } from '$lib/services/desk-api';

export type DeskProblem = 'unknown-card' | 'failed' | 'signed-out';

export class DeskCirculation {
	member = $state<DeskMemberView | null>(null);
	/** Newest first. */
	lent = $state<BorrowOutcome[]>([]);
	returned = $state<DeskCheckinResult[]>([]);
	renewed = $state<Record<string, RenewOutcome>>({});
	offline = $state<OfflineOverview | null>(null);
	busy = $state(false);
	problem = $state<DeskProblem | null>(null);

	#card: string | null = null;
	readonly #api: DeskApi;

	constructor(api: DeskApi) {
		this.#api = api;
	}

	async find(card: string): Promise<void> {
		const typed = card.trim();
		if (!typed) return;
		await this.#run(async () => {
			const member = await this.#api.findMember(typed);
			this.clearMember();
			if (!member) {
				this.problem = 'unknown-card';
				return;
			}
			this.#card = typed;
			this.member = member;
		});
	}

	async lend(itemId: string): Promise<void> {
		const card = this.#card;
		if (!card || !itemId.trim()) return;
		await this.#run(async () => {
			this.lent = [await this.#api.checkout(card, itemId.trim()), ...this.lent];
			await this.#reload(card);
		});
	}

	async renew(itemId: string): Promise<void> {
		const card = this.#card;
		if (!card) return;
		await this.#run(async () => {
			this.renewed = { ...this.renewed, [itemId]: await this.#api.renew(card, itemId) };
			await this.#reload(card);
		});
	}

	async takeReturn(itemId: string): Promise<void> {
		if (!itemId.trim()) return;
		await this.#run(async () => {
			this.returned = [await this.#api.checkin(itemId.trim()), ...this.returned];
		});
	}

	async loadOffline(): Promise<void> {
		await this.#run(async () => {
			this.offline = await this.#api.offline();
		});
	}

	async resolve(id: number, resolution: 'retry' | 'done-by-hand' | 'discard'): Promise<void> {
		await this.#run(async () => {
			await this.#api.resolveException(id, resolution);
			this.offline = await this.#api.offline();
		});
	}

	/** "Next member": nothing of this one stays. */
	clearMember(): void {
		this.#card = null;
		this.member = null;
		this.lent = [];
		this.renewed = {};
		this.problem = null;
	}

	/** Lock and logout: everything goes. */
	clear(): void {
		this.clearMember();
		this.returned = [];
		this.offline = null;
	}

	async #reload(card: string): Promise<void> {
		const member = await this.#api.findMember(card);
		if (member && this.#card === card) this.member = member;
	}

	async #run(work: () => Promise<void>): Promise<void> {
		if (this.busy) return;
		this.busy = true;
		this.problem = null;
		try {
			await work();
		} catch (error) {
			this.problem = error instanceof DeskApiFailure && error.signedOut ? 'signed-out' : 'failed';
		} finally {
			this.busy = false;
		}
	}
}
