import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAdminCli } from './admin-cli';
import { openSqliteStaffStore } from './sqlite-staff-store';
import { passwordMatches } from './staff-password';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let directory: string;
let env: Record<string, string>;

beforeEach(() => {
	directory = mkdtempSync(join(tmpdir(), 'admin-cli-'));
	env = { STAFF_DB: join(directory, 'kiosk-staff.db') };
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

async function run(argv: string[], passwords: string[] = [], interactive = false) {
	const lines: string[] = [];
	const errors: string[] = [];
	const code = await runAdminCli(argv, env, {
		line: (text) => lines.push(text),
		error: (text) => errors.push(text),
		readPassword: async () => {
			if (passwords.length === 0) throw new Error('no password on standard input; nothing changed');
			return passwords.shift()!;
		},
		interactive
	});
	return { code, lines, errors };
}

function withStore<T>(read: (store: ReturnType<typeof openSqliteStaffStore>) => T): T {
	const store = openSqliteStaffStore(env.STAFF_DB!);
	try {
		return read(store);
	} finally {
		store.close();
	}
}

describe('npm run admin', () => {
	it('creates the first admin, in a file of mode 0600, audited as the command line', async () => {
		expect(await run(['create', 'Anna'], ['a-long-password'])).toEqual({ code: 0, lines: [`Account anna (admin) created in ${env.STAFF_DB}.`], errors: [] });
		expect(statSync(env.STAFF_DB!).mode & 0o777).toBe(0o600);
		const account = withStore((store) => store.account('anna'))!;
		expect(account.role).toBe('admin');
		expect(await passwordMatches('a-long-password', account.passwordHash)).toBe(true);
		expect(withStore((store) => store.auditEntries(5))).toMatchObject([{ actor: 'command line', action: 'account-created', subject: 'anna', detail: 'role admin' }]);
	});

	it('asks twice at a terminal and changes nothing when the two differ', async () => {
		expect(await run(['create', 'bert', '--role', 'technician'], ['a-long-password', 'another-password'], true)).toMatchObject({ code: 2, errors: ['admin: the two passwords differ; nothing changed'] });
		expect(await run(['create', 'bert', '--role', 'technician'], ['a-long-password', 'a-long-password'], true)).toMatchObject({ code: 0 });
		expect(withStore((store) => store.account('bert')?.role)).toBe('technician');
	});

	it('lists accounts without hashes, resets a password, disables and enables', async () => {
		await run(['create', 'anna'], ['a-long-password']);
		await run(['create', 'carla', '--role', 'staff'], ['a-long-password']);
		const listed = await run(['list']);
		expect(listed.lines).toHaveLength(2);
		expect(listed.lines[0]).toMatch(/^anna\tadmin\tactive\tcreated \d{4}-\d\d-\d\d$/);
		expect(listed.lines.join('\n')).not.toContain('scrypt');
		expect((await run(['reset', 'carla'], ['a-new-password!'])).code).toBe(0);
		expect(await passwordMatches('a-new-password!', withStore((store) => store.account('carla'))!.passwordHash)).toBe(true);
		expect((await run(['disable', 'carla'])).code).toBe(0);
		expect(withStore((store) => store.account('carla')?.disabled)).toBe(true);
		expect((await run(['enable', 'carla'])).code).toBe(0);
		expect(withStore((store) => store.account('carla')?.disabled)).toBe(false);
	});

	it.each([
		[['create', 'anna'], ['short'], 'admin: a password is at least 10 characters'],
		[['create', 'a b'], ['a-long-password'], 'admin: an account name is 2 to 32 letters'],
		[['create', 'anna', '--role', 'boss'], ['a-long-password'], 'admin: --role must be staff, technician, admin'],
		[['reset', 'nobody'], ['a-long-password'], 'admin: there is no account nobody'],
		[['disable'], [], 'admin: usage: npm run admin --'],
		[['delete', 'anna'], [], 'admin: usage: npm run admin --'],
		[['create', 'anna'], [], 'admin: no password on standard input; nothing changed']
	])('%j exits 2 with one line', async (argv, passwords, message) => {
		const result = await run(argv, passwords);
		expect(result.code).toBe(2);
		expect(result.errors).toHaveLength(1);
		expect(result.errors[0]).toContain(message);
	});

	it('refuses a second account of the same name', async () => {
		await run(['create', 'anna'], ['a-long-password']);
		expect(await run(['create', 'ANNA', '--role', 'staff'], ['a-long-password'])).toMatchObject({ code: 2, errors: ['admin: there is already an account anna'] });
	});

	it('runs as `npm run admin`, reading the password piped in', async () => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'server/staff/admin.ts', 'create', 'dora', '--role', 'staff', '--password-stdin'], {
			cwd: ROOT,
			env: { ...process.env, STAFF_DB: env.STAFF_DB },
			stdio: ['pipe', 'pipe', 'pipe']
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.stdin.end('a-long-password\n');
		const code = await new Promise((resolve) => child.on('close', resolve));
		expect([code, output.trim()]).toEqual([0, `Account dora (staff) created in ${env.STAFF_DB}.`]);
		expect(await passwordMatches('a-long-password', withStore((store) => store.account('dora'))!.passwordHash)).toBe(true);
	});
});
