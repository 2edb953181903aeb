/**
 * `npm run admin -- COMMAND`: the desk's accounts from the command line, against STAFF_DB. The
 * first admin comes from here: the product has no default password.
 *
 *   create NAME [--role admin|staff|technician]   a new account (admin unless --role says otherwise)
 *   reset NAME                                    a new password for an account (its sessions end)
 *   disable NAME / enable NAME                    an account can no longer / can again log in
 *   list                                          every account: name, role, state (no hashes)
 *
 * Passwords are asked twice on a terminal, without echo; piped in (or with --password-stdin) they
 * are read from standard input, one line, for scripts and tests. What this command does goes to
 * the audit log as `command line`.
 *
 * Exit codes: 0 done, 2 anything went wrong (one line on stderr). The kiosk server may run
 * meanwhile: it reads the accounts from the file at every login.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { AuditLog, COMMAND_LINE_ACTOR } from './audit-log';
import { openSqliteStaffStore } from './sqlite-staff-store';
import { StaffAccounts } from './staff-accounts';
import { isStaffRole, STAFF_ROLES, type StaffRole } from './staff-store';

export const ADMIN_USAGE = 'usage: npm run admin -- create NAME [--role admin|staff|technician] [--password-stdin] | reset NAME [--password-stdin] | disable NAME | enable NAME | list';

export interface AdminCliIo {
	line(text: string): void;
	error(text: string): void;
	/** One password: typed without echo on a terminal, or the next line of standard input. */
	readPassword(prompt: string): Promise<string>;
	/** A person at a terminal: ask for a new password twice. */
	interactive: boolean;
}

/** A problem the user can act on; printed as one line. */
export class AdminCliError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'AdminCliError';
	}
}

export async function runAdminCli(argv: string[], env: Record<string, string | undefined>, io: AdminCliIo, options: { now?: () => Date } = {}): Promise<number> {
	try {
		return await run(argv, env, io, options);
	} catch (error) {
		io.error(`admin: ${error instanceof Error ? error.message : String(error)}`);
		return 2;
	}
}

async function run(argv: string[], env: Record<string, string | undefined>, io: AdminCliIo, options: { now?: () => Date }): Promise<number> {
	const { values, positionals } = parseArguments(argv);
	const [command, name, ...extra] = positionals;
	if (values.help) {
		io.line(ADMIN_USAGE);
		return 0;
	}
	const needsName = command === 'create' || command === 'reset' || command === 'disable' || command === 'enable';
	if (!command || (needsName && !name) || (!needsName && command !== 'list') || (command === 'list' && name) || extra.length > 0) throw new AdminCliError(ADMIN_USAGE);
	if (values.role !== undefined && command !== 'create') throw new AdminCliError(`--role is for create; ${ADMIN_USAGE}`);
	const role = values.role ?? 'admin';
	if (!isStaffRole(role)) throw new AdminCliError(`--role must be ${STAFF_ROLES.join(', ')}`);

	const desk = loadConfig(env).desk;
	const store = openSqliteStaffStore(desk.dbFile);
	try {
		const accounts = new StaffAccounts(store, new AuditLog(store, { keepDays: desk.auditDays }), options.now);
		switch (command) {
			case 'list': {
				const all = accounts.list();
				if (all.length === 0) io.line(`No accounts in ${desk.dbFile} yet. Create the first admin: npm run admin -- create NAME`);
				for (const account of all) io.line(`${account.name}\t${account.role}\t${account.disabled ? 'disabled' : 'active'}\tcreated ${account.createdAt.slice(0, 10)}`);
				return 0;
			}
			case 'create': {
				const password = await newPassword(io);
				const created = await accounts.create(COMMAND_LINE_ACTOR, name!, role as StaffRole, password);
				io.line(`Account ${created.name} (${created.role}) created in ${desk.dbFile}.`);
				return 0;
			}
			case 'reset': {
				await accounts.resetPassword(COMMAND_LINE_ACTOR, name!, await newPassword(io));
				io.line(`New password set for ${name!.trim().toLowerCase()}; its desk sessions have ended.`);
				return 0;
			}
			default: {
				accounts.setDisabled(COMMAND_LINE_ACTOR, name!, command === 'disable');
				io.line(`Account ${name!.trim().toLowerCase()} ${command === 'disable' ? 'disabled: it can no longer log in' : 'enabled again'}.`);
				return 0;
			}
		}
	} finally {
		store.close();
	}
}

async function newPassword(io: AdminCliIo): Promise<string> {
	const password = await io.readPassword('New password: ');
	if (io.interactive && (await io.readPassword('Same password again: ')) !== password) throw new AdminCliError('the two passwords differ; nothing changed');
	return password;
}

function parseArguments(argv: string[]) {
	try {
		return parseArgs({
			args: argv,
			allowPositionals: true,
			options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } }
		});
	} catch (error) {
		throw new AdminCliError(`${error instanceof Error ? error.message : String(error)}; ${ADMIN_USAGE}`);
	}
}
