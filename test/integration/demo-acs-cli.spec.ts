import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RawSipConnection } from '../support/raw-sip-connection';

/** `npm run acs` on its own: a SIP2 server that anyone can script against, with --db keeping state. */
const running: ChildProcess[] = [];
afterEach(() => {
	for (const child of running.splice(0)) child.kill('SIGKILL');
});

function startCli(args: string[]): Promise<{ port: number; child: ChildProcess }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/demo-acs/cli.ts', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'error' } });
	running.push(child);
	return new Promise((resolve, reject) => {
		let output = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			output += chunk.toString();
			const match = /on 127\.0\.0\.1:(\d+)/.exec(output);
			if (match) resolve({ port: Number(match[1]), child });
		});
		child.once('exit', (code) => reject(new Error(`acs exited with ${code}: ${output}`)));
	});
}

async function stop(child: ChildProcess): Promise<void> {
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	await exited;
}

async function itemStatus(port: number, item: string): Promise<string> {
	const connection = await RawSipConnection.open(port);
	connection.send('9300CNkiosk|COkiosk|\r');
	expect(await connection.next()).toBe('941\r');
	connection.send(`1720261123    101500AODEMO|AB${item}|\r`);
	const answer = (await connection.next())!;
	connection.close();
	return answer.slice(2, 4);
}

describe('npm run acs', () => {
	it('keeps its library in the --db file across restarts', async () => {
		const db = join(mkdtempSync(join(tmpdir(), 'demo-acs-')), 'demo.db');
		const first = await startCli(['--db', db]);
		const connection = await RawSipConnection.open(first.port);
		connection.send('9300CNkiosk|COkiosk|\r');
		await connection.next();
		connection.send('11YN20261123    101500                  AODEMO|AA20001000000012|AB30001000000010|AC|\r');
		expect(await connection.next()).toMatch(/^121/);
		connection.close();
		await stop(first.child);

		const second = await startCli(['--db', db]);
		expect(await itemStatus(second.port, '30001000000010')).toBe('04');
	});

	it('starts a fresh seeded library without --db', async () => {
		const { port } = await startCli([]);
		expect(await itemStatus(port, '30001000000010')).toBe('03');
	});

	it('says how to use it when an argument is wrong', async () => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'server/demo-acs/cli.ts', '--port', 'abc'], { stdio: ['ignore', 'pipe', 'pipe'] });
		let errors = '';
		child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
		const code = await new Promise((resolve) => child.once('exit', resolve));
		expect(code).toBe(2);
		expect(errors).toContain('--port must be');
		expect(errors).toContain('usage: npm run acs');
	});
});
