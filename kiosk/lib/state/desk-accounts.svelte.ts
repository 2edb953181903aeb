/**
 * The admin's part of the desk page: the accounts (list, create, new password, disable/enable) and
 * the audit log. Wiped when the desk locks or logs out.
 */
import type { AuditEntryView, StaffAccountView, StaffRole } from '$lib/api/desk-contract';
import { DeskApiFailure, type DeskApi, type DeskErrorCode } from '$lib/services/desk-api';
import type { DeskState } from './desk.svelte';

export type AccountsProblem = Extract<DeskErrorCode, 'invalid-name' | 'password-too-short' | 'password-too-long' | 'account-exists' | 'no-such-account'> | 'failed';
export type AccountsDone = { kind: 'created' | 'password' | 'disabled' | 'enabled'; name: string };

/** How many audit entries the page shows. */
export const AUDIT_SHOWN = 100;

export class DeskAccountsState {
	accounts = $state<StaffAccountView[]>([]);
	audit = $state<AuditEntryView[]>([]);
	problem = $state<AccountsProblem | null>(null);
	/** The minimum password length, when the problem is a short password. */
	minLength = $state(10);
	done = $state<AccountsDone | null>(null);
	busy = $state(false);

	readonly #api: DeskApi;
	readonly #desk: DeskState;

	constructor(api: DeskApi, desk: DeskState) {
		this.#api = api;
		this.#desk = desk;
		desk.onClear(() => this.clear());
	}

	async load(): Promise<void> {
		await this.#run(() => this.#fetch());
	}

	/** True when made (the page then empties its form). */
	async create(name: string, role: StaffRole, password: string): Promise<boolean> {
		return this.#run(async () => {
			const created = await this.#api.createAccount(name, role, password);
			await this.#fetch();
			this.done = { kind: 'created', name: created.name };
		});
	}

	async resetPassword(name: string, password: string): Promise<boolean> {
		return this.#run(async () => {
			this.accounts = await this.#api.resetPassword(name, password);
			this.done = { kind: 'password', name };
			this.audit = await this.#api.audit(AUDIT_SHOWN);
		});
	}

	async setDisabled(name: string, disabled: boolean): Promise<boolean> {
		return this.#run(async () => {
			this.accounts = await this.#api.setDisabled(name, disabled);
			this.done = { kind: disabled ? 'disabled' : 'enabled', name };
			this.audit = await this.#api.audit(AUDIT_SHOWN);
		});
	}

	clear(): void {
		this.accounts = [];
		this.audit = [];
		this.problem = null;
		this.done = null;
	}

	async #fetch(): Promise<void> {
		[this.accounts, this.audit] = await Promise.all([this.#api.accounts(), this.#api.audit(AUDIT_SHOWN)]);
	}

	async #run(work: () => Promise<void>): Promise<boolean> {
		if (this.busy) return false;
		this.busy = true;
		this.problem = null;
		this.done = null;
		try {
			await work();
			return true;
		} catch (error) {
			if (error instanceof DeskApiFailure && error.signedOut) {
				await this.#desk.sessionLost();
				return false;
			}
			const code = error instanceof DeskApiFailure ? error.code : 'failed';
			if (code === 'password-too-short' && error instanceof DeskApiFailure) this.minLength = error.details.minLength ?? this.minLength;
			this.problem =
				code === 'invalid-name' || code === 'password-too-short' || code === 'password-too-long' || code === 'account-exists' || code === 'no-such-account' ? code : 'failed';
			return false;
		} finally {
			this.busy = false;
		}
	}
}
