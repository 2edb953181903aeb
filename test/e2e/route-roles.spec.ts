import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import type { StaffRole } from '../../kiosk/lib/api/desk-contract';
import { KIOSK_PORT } from '../../playwright.config';
import { deskLoginRequest, E2E_ACCOUNTS } from './desk-accounts';

/**
 * Every /api route and method, who may use it, checked against the running kiosk. The routes are
 * found on disk (every +server.ts under kiosk/routes/api and the methods it exports), so a new route
 * without an entry here fails the first test: no route can be forgotten.
 *
 * - `public`: anyone (logins, the return, the kiosk's config, the device stream).
 * - `member`: a member's session (kiosk_session); a desk session alone does not do.
 * - `desk`: a desk session with one of these roles (an admin may do everything); `[]`: any desk account.
 */
type Access = 'public' | 'member' | { desk: StaffRole[] };

const ACCESS: Record<string, Access> = {
	'GET /api/config': 'public',
	'POST /api/session': 'public',
	'DELETE /api/session': 'public',
	'POST /api/return': 'public',
	'GET /api/devices/events': 'public',
	// The simulated pad (demo and tests only; 404 with a real reader).
	'GET /api/devices/simulator/pad': 'public',
	'POST /api/devices/simulator/pad': 'public',
	// The simulated payment terminal's next answer (demo and tests only; 404 with a real terminal).
	'POST /api/devices/simulator/payment': 'public',
	'GET /api/payment': 'member',
	'POST /api/payment': 'member',
	'GET /api/payment/[id]': 'member',
	'DELETE /api/payment/[id]': 'member',
	// The simulated printer (demo and tests only): its receipts hold a member's titles.
	'GET /api/devices/simulator/printer': { desk: ['technician'] },
	'POST /api/devices/simulator/printer': { desk: ['technician'] },
	'GET /api/account': 'member',
	'POST /api/account/reveal': 'member',
	'POST /api/borrow': 'member',
	'POST /api/renew': 'member',
	'GET /api/receipt': 'member',
	'POST /api/receipt': 'member',
	// Desk login, logout, lock and unlock are for anyone to try; unlock needs the locked session's password.
	'POST /api/desk/session': 'public',
	'DELETE /api/desk/session': 'public',
	'POST /api/desk/session/lock': 'public',
	'POST /api/desk/session/unlock': 'public',
	'GET /api/desk/session': { desk: [] },
	'GET /api/desk/accounts': { desk: ['admin'] },
	'POST /api/desk/accounts': { desk: ['admin'] },
	'PATCH /api/desk/accounts/[name]': { desk: ['admin'] },
	'GET /api/desk/audit': { desk: ['admin'] },
	'POST /api/desk/member': { desk: ['staff'] },
	'POST /api/desk/checkout': { desk: ['staff'] },
	'POST /api/desk/checkin': { desk: ['staff'] },
	'POST /api/desk/renew': { desk: ['staff'] },
	'POST /api/desk/payment': { desk: ['staff'] },
	'GET /api/desk/payment/[id]': { desk: ['staff'] },
	'DELETE /api/desk/payment/[id]': { desk: ['staff'] },
	'GET /api/desk/payments': { desk: ['staff'] },
	'POST /api/desk/payments/[id]': { desk: ['staff'] },
	'GET /api/desk/offline': { desk: ['staff'] },
	'POST /api/desk/offline/[id]': { desk: ['staff'] },
	// Counts and states only, no member data: for every desk role.
	'GET /api/desk/dashboard': { desk: ['staff', 'technician'] },
	'GET /api/technician/devices': { desk: ['technician'] },
	'GET /api/technician/config': { desk: ['technician'] },
	'PUT /api/technician/config': { desk: ['technician'] },
	'GET /api/technician/config/export': { desk: ['technician'] },
	// `{}` is no settings file: refused (400) and nothing applied.
	'POST /api/technician/config/import': { desk: ['technician'] },
	'POST /api/technician/test': { desk: ['technician'] },
	'GET /api/technician/offline/koc': { desk: ['technician'] },
	'POST /api/technician/demo-library': { desk: ['technician'] }
};

const ORIGIN = `http://127.0.0.1:${KIOSK_PORT}`;
const API_DIR = join(process.cwd(), 'kiosk', 'routes', 'api');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

function routesOnDisk(directory = API_DIR): string[] {
	return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
		const path = join(directory, entry.name);
		if (entry.isDirectory()) return routesOnDisk(path);
		if (entry.name !== '+server.ts') return [];
		const route = `/api/${relative(API_DIR, directory).split(sep).join('/')}`.replace(/\/$/, '');
		const source = readFileSync(path, 'utf8');
		return METHODS.filter((method) => new RegExp(`export const ${method}\\b`).test(source)).map((method) => `${method} ${route}`);
	});
}

/** A request as the route's own page would make it, with a body that does nothing harmful even when let through. */
function call(context: APIRequestContext, entry: string): Promise<APIResponse> {
	const [method, route] = entry.split(' ') as [string, string];
	const url = route.replace('[name]', E2E_ACCOUNTS.staff.name);
	return context.fetch(url, { method, headers: { origin: ORIGIN }, ...(method === 'GET' || method === 'DELETE' ? {} : { data: {} }) });
}

test('every /api route on disk has an access rule here, and every rule a route', () => {
	const onDisk = routesOnDisk();
	expect(onDisk.length).toBeGreaterThan(15);
	expect(onDisk.filter((entry) => !(entry in ACCESS)), 'routes without an access rule in route-roles.spec.ts').toEqual([]);
	expect(Object.keys(ACCESS).filter((entry) => !onDisk.includes(entry)), 'rules for routes that are gone').toEqual([]);
});

test.describe('who reaches which route', () => {
	const contexts = {} as Record<'anonymous' | 'member' | StaffRole, APIRequestContext>;

	test.beforeAll(async ({ playwright }) => {
		for (const who of ['anonymous', 'member', 'staff', 'technician', 'admin'] as const) contexts[who] = await playwright.request.newContext({ baseURL: ORIGIN });
		expect((await contexts.member.post('/api/session', { headers: { origin: ORIGIN }, data: { card: '20001000000012', pin: '1234' } })).status()).toBe(200);
		for (const role of ['staff', 'technician', 'admin'] as const) await deskLoginRequest(contexts[role], ORIGIN, role);
	});

	test.afterAll(async () => {
		await contexts.member?.delete('/api/session', { headers: { origin: ORIGIN } });
		for (const context of Object.values(contexts)) await context.dispose();
	});

	test('desk and technician routes refuse anonymous users, members and every wrong role, and serve the right ones', async () => {
		for (const [entry, access] of Object.entries(ACCESS)) {
			if (typeof access === 'string') continue;
			expect((await call(contexts.anonymous, entry)).status(), `anonymous: ${entry}`).toBe(401);
			const member = await call(contexts.member, entry);
			expect([member.status(), await member.json()], `member session: ${entry}`).toEqual([401, { error: 'no-session' }]);
			for (const role of ['staff', 'technician', 'admin'] as const) {
				const allowed = role === 'admin' || access.desk.length === 0 || access.desk.includes(role);
				const response = await call(contexts[role], entry);
				if (allowed) expect([401, 403], `${role}: ${entry} answered ${response.status()}`).not.toContain(response.status());
				else expect([response.status(), await response.json()], `${role}: ${entry}`).toEqual([403, { error: 'forbidden' }]);
			}
		}
	});

	test('member routes refuse a desk session without a member session', async () => {
		for (const [entry, access] of Object.entries(ACCESS)) {
			if (access !== 'member') continue;
			for (const role of ['staff', 'admin'] as const) {
				const response = await call(contexts[role], entry);
				expect([response.status(), await response.json()], `${role}: ${entry}`).toEqual([401, { error: 'no-session' }]);
			}
		}
	});

	test('each try of a member session at a desk route is in the audit log, without the card number', async () => {
		const deskRoutes = Object.entries(ACCESS).filter(([, access]) => typeof access !== 'string');
		const before = Date.now() - 1000;
		for (const [entry] of deskRoutes) await call(contexts.member, entry);
		const audit = (await (await contexts.admin.get('/api/desk/audit?limit=1000')).json()) as { at: string; actor: string; action: string; subject: string }[];
		const refused = audit.filter((line) => line.actor === 'member session' && line.action === 'access-refused' && Date.parse(line.at) >= before);
		for (const [entry] of deskRoutes) expect(refused.map((line) => line.subject), entry).toContain(entry.split(' ')[1]);
		expect(JSON.stringify(audit)).not.toContain('20001000000012');
	});
});
