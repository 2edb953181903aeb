/**
 * `npm run soak -- --sessions N`: simulated members use the built kiosk over its HTTP API, one
 * after another, as the screens do: log in (card and PIN), borrow an item, return it, end the
 * session. Reports the server's resident memory and open file descriptors (sockets, files) after
 * a warm-up and at the end, from /proc: a leak shows as growth that keeps pace with N.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchItem, benchPatron, prepareLibrary } from './bench-library';
import type { KioskServer } from '../test/support/kiosk-server';
import { startBuiltKiosk } from './kiosk-in-browser';

const WARM_UP = 50;
const { values } = parseArgs({ options: { sessions: { type: 'string', default: '1000' } } });
const sessions = Number(values.sessions);
if (!Number.isInteger(sessions) || sessions < 1) {
	console.error('usage: npm run soak -- --sessions N   (N a whole number, at least 1)');
	process.exit(2);
}

interface Sample {
	rssMiB: number;
	openFiles: number;
}

function sample(pid: number): Sample {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
	return { rssMiB: rssKiB / 1024, openFiles: readdirSync(`/proc/${pid}/fd`).length };
}

async function member(kiosk: KioskServer, index: number): Promise<void> {
	const call = async (method: string, path: string, body?: object, cookie?: string) => {
		const response = await fetch(kiosk.origin + path, {
			method,
			headers: { 'content-type': 'application/json', origin: kiosk.origin, ...(cookie ? { cookie } : {}) },
			body: body ? JSON.stringify(body) : undefined
		});
		if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}`);
		return response;
	};
	const login = await call('POST', '/api/session', { card: benchPatron(index % 50), pin: '1234' });
	const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
	if (!((await login.json()) as { ok: boolean }).ok) throw new Error(`soak member ${index} was refused`);
	const item = benchItem(index % 500);
	const lent = (await (await call('POST', '/api/borrow', { itemId: item }, cookie)).json()) as { ok: boolean };
	if (!lent.ok) throw new Error(`soak loan ${index} was refused`);
	await call('POST', '/api/return', { itemId: item }, cookie);
	await call('DELETE', '/api/session', undefined, cookie);
}

const dir = mkdtempSync(join(os.tmpdir(), 'kiosk-soak-'));
const dbFile = join(dir, 'library.db');
prepareLibrary(dbFile, 500);
const kiosk = await startBuiltKiosk(dbFile);
try {
	const { pid } = kiosk;
	for (let i = 0; i < WARM_UP; i++) await member(kiosk, i);
	const start = sample(pid);
	const began = performance.now();
	for (let i = 0; i < sessions; i++) await member(kiosk, WARM_UP + i);
	const seconds = (performance.now() - began) / 1000;
	const end = sample(pid);
	console.log(`Soak: ${sessions} member sessions (log in, borrow, return, end) in ${seconds.toFixed(1)} s, ${(sessions / seconds).toFixed(1)} sessions/s`);
	console.log(`| | after ${WARM_UP} warm-up sessions | after ${sessions} more |`);
	console.log('|---|---|---|');
	console.log(`| server resident memory | ${start.rssMiB.toFixed(1)} MiB | ${end.rssMiB.toFixed(1)} MiB |`);
	console.log(`| server open file descriptors | ${start.openFiles} | ${end.openFiles} |`);
} finally {
	await kiosk.stop();
	rmSync(dir, { recursive: true, force: true });
}
