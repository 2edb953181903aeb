/**
 * Account management, the one way both the admin command and the desk page's accounts API do it:
 * names normalised and checked, passwords checked against the policy and hashed, and each change
 * written to the audit log under who made it.
 */
import type { StaffAccountView } from '../../kiosk/lib/api/desk-contract';
import type { AuditLog } from './audit-log';
import { hashPassword } from './staff-password';
import { normaliseAccountName, UnknownAccountError, type StaffAccount, type StaffRole, type StaffStore } from './staff-store';

export class StaffAccounts {
	constructor(
		private readonly store: StaffStore,
		private readonly audit: AuditLog,
		private readonly now: () => Date = () => new Date()
	) {}

	/** Throws InvalidAccountNameError, PasswordPolicyError, AccountExistsError. */
	async create(actor: string, name: string, role: StaffRole, password: string): Promise<StaffAccount> {
		const account = normaliseAccountName(name);
		const passwordHash = await hashPassword(password);
		const created = this.store.createAccount({ name: account, role, passwordHash, at: this.now() });
		this.audit.record(actor, 'account-created', { ref: account }, `role ${role}`);
		return created;
	}

	/** Throws InvalidAccountNameError, PasswordPolicyError, UnknownAccountError. The account's sessions end (see StaffAuth.lookup). */
	async resetPassword(actor: string, name: string, password: string): Promise<void> {
		const account = this.#existing(name);
		this.store.setPassword(account, await hashPassword(password), this.now());
		this.audit.record(actor, 'password-reset', { ref: account });
	}

	/** Throws InvalidAccountNameError, UnknownAccountError. A disabled account's sessions end at their next request. */
	setDisabled(actor: string, name: string, disabled: boolean): void {
		const account = this.#existing(name);
		this.store.setDisabled(account, disabled);
		this.audit.record(actor, disabled ? 'account-disabled' : 'account-enabled', { ref: account });
	}

	list(): StaffAccountView[] {
		return this.store.accounts().map(accountView);
	}

	#existing(name: string): string {
		const account = normaliseAccountName(name);
		if (!this.store.account(account)) throw new UnknownAccountError(account);
		return account;
	}
}

/** What may leave the server of an account: never its password hash. */
export function accountView({ name, role, disabled, createdAt, passwordChangedAt }: StaffAccount): StaffAccountView {
	return { name, role, disabled, createdAt: createdAt.toISOString(), passwordChangedAt: passwordChangedAt.toISOString() };
}
