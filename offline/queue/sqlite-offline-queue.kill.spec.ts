/**
 * Power-cut stand-in: a process appending to the queue is killed with SIGKILL (no exit handlers,
 * no close) at an arbitrary point. Everything it acknowledged must be in the queue exactly once,
 * and the file must pass SQLite's integrity check. Three kills in a row on the same file, so each
 * run also recovers the previous run's hot WAL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cardContext, createCardSealer } from '../card-sealer';
import { checkOfflineQueueIntegrity, openSqliteOfflineQueue } from './sqlite-offline-queue';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./append-until-killed.ts', import.meta.url));
const KEY = Buffer.alloc(32, 0x5a);
const KILL_AFTER = 200;
const RUNS = 3;

const directory = mkdtempSync(join(tmpdir(), 'offline-kill-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Ack {
	seq: number;
	itemId: string;
}

/** Runs the child until it has acknowledged KILL_AFTER appends, kills it, and returns every acknowledgement it printed. */
function appendUntilKilled(file: string, prefix: string): Promise<Ack[]> {
	const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, prefix, KEY.toString('hex')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	return new Promise((resolve, reject) => {
		const acks: Ack[] = [];
		let buffered = '';
		let errors = '';
		let killed = false;
		child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
		child.stdout.on('data', (chunk: Buffer) => {
			buffered += chunk.toString();
			const lines = buffered.split('\n');
			buffered = lines.pop()!;
			for (const line of lines) {
				const match = /^ACK (\d+) (\S+)$/.exec(line);
				if (!match) return reject(new Error(`unexpected child output: ${line}`));
				acks.push({ seq: Number(match[1]), itemId: match[2]! });
			}
			if (!killed && acks.length >= KILL_AFTER) {
				killed = child.kill('SIGKILL');
			}
		});
		child.once('exit', (code, signal) => {
			// Acks already in the pipe when the kill landed still count: they were acknowledged.
			if (signal === 'SIGKILL') resolve(acks);
			else reject(new Error(`child exited by itself (code ${code}) after ${acks.length} acks: ${errors}`));
		});
		child.once('error', reject);
	});
}

describe('the SQLite offline queue under SIGKILL', () => {
	it(`keeps every acknowledged append exactly once across ${RUNS} kills`, { timeout: 30_000 }, async () => {
		const file = join(directory, 'killed.db');
		const acknowledged: Ack[] = [];
		for (let run = 0; run < RUNS; run++) {
			const acks = await appendUntilKilled(file, `run${run}`);
			expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER);
			acknowledged.push(...acks);

			expect(checkOfflineQueueIntegrity(file)).toEqual(['ok']);
			const queue = openSqliteOfflineQueue(file);
			try {
				const pending = queue.pending();
				const items = pending.map((transaction) => transaction.itemId);
				expect(new Set(items).size, 'no item twice').toBe(items.length);
				const bySeq = new Map(pending.map((transaction) => [transaction.seq, transaction]));
				for (const ack of acknowledged) expect(bySeq.get(ack.seq)?.itemId, `acknowledged seq ${ack.seq}`).toBe(ack.itemId);
				// At most the one append that committed but was not yet acknowledged when the kill landed, per run.
				expect(pending.length - acknowledged.length).toBeGreaterThanOrEqual(0);
				expect(pending.length - acknowledged.length).toBeLessThanOrEqual(run + 1);
				expect(pending.map((transaction) => transaction.seq)).toEqual([...bySeq.keys()].sort((a, b) => a - b));
			} finally {
				queue.close();
			}
		}

		// The checkouts' sealed cards survived intact.
		const queue = openSqliteOfflineQueue(file);
		const sealer = createCardSealer(KEY);
		try {
			const checkouts = queue.pending().filter((transaction) => transaction.kind === 'checkout');
			expect(checkouts.length).toBeGreaterThan(0);
			for (const transaction of checkouts) expect(sealer.open(transaction.sealedCard!, cardContext(transaction))).toMatch(/^2000\d{10}$/);
		} finally {
			queue.close();
		}
	});
});
