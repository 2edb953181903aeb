/**
 * `npm run bench`: the product's speed figures, printed as one Markdown table and written to
 * bench/results/latest.md with the machine they ran on: SIP2 codec throughput, demo library
 * checkouts with 1, 8 and 32 clients, device frames decoded, the RFID stack of 10 (below and on
 * the screen), scan to screen, offline queue writes and replay, server memory after 100,000
 * sessions, and the kiosk's JavaScript size. Each function below says what it measures.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { decodeApdu } from '../drivers/payment/zvt-apdu';
import { TcpApduReader } from '../drivers/payment/zvt-tcp-framing';
import { RfidPadDriver, RfidPadSimulator } from '../drivers/rfid';
import { createFeigFrameSplitter, decodeFeigResponse } from '../drivers/rfid/feig-isc-protocol';
import { TAG_DATA_MODELS } from '../drivers/rfid/tag-data';
import { MemoryLinkOpener } from '../drivers/transport/memory-link';
import { cardContext, createCardSealer } from '../offline/card-sealer';
import { offlineDueDate } from '../offline/offline-ledger';
import { OfflineReplayer } from '../offline/offline-replayer';
import { openSqliteOfflineQueue } from '../offline/queue/sqlite-offline-queue';
import { CirculationService } from '../server/circulation/circulation-service';
import { LoginGuard } from '../server/circulation/login-guard';
import { MemberSessions } from '../server/circulation/member-sessions';
import { startDemoLibrarySystem } from '../server/demo-acs/demo-library-system';
import { LibraryPad } from '../server/devices/library-pad';
import { PadSimulatorControl } from '../server/devices/pad-simulator-control';
import { decodeMessage, encodeMessage, formatSipDate, NO_SIP_DATE, Sip2Client, tcpTransport, type SipMessage } from '../server/sip2';
import { benchItem, benchPatron, LOANS_PER_PATRON, prepareLibrary } from './bench-library';
import { rfidOnScreenBenchmark, scanToScreenBenchmark } from './kiosk-in-browser';

interface Row {
	benchmark: string;
	result: string;
	detail: string;
}

const rows: Row[] = [];

const SAMPLE_MESSAGES = [
	'64              00520250301    101500000100000002000100000000AOBIB01|AA20012345678901|AEJ. Jansen|BZ0010|CB0025|BLY|CQY|BHEUR|BV2.50|AS30012345678909|AY1AZDC01',
	'121NNY20250301    101700AOBIB01|AA20012345678901|AB30012345678901|AJDe avonden|AH20250322    235900|CK001|AY3AZE563',
	'101YNN19980821    085721AOCertification Institute ID|ABCheckInBook|AQPermanent Location for CheckinBook, Language 1|AJTitle For CheckinBook|AAGoodPatron1|CK001|CHCheckinBook Properties|CLsort bin A1|AFScreen Message for CheckInBook|AGPrint Line for CheckInBook|AY2AZA3FF',
	'98YYYYNY60000320250301    1015002.00AOBIB01|AMBibliotheek Voorbeeld|BXYYYYYYYYYYYNNYYY|AY0AZE50A',
	'11YN20250301    101700                  AOBIB01|AA20012345678901|AB30012345678901|AC|AD1234|BON|BIN|AY3AZE8C6'
].map((text) => Buffer.from(text, 'utf8'));

/** Runs `work` in rounds until at least `seconds` have passed; returns operations per second. */
function throughput(work: () => number, seconds = 2): { perSecond: number; operations: number } {
	for (let i = 0; i < 2_000; i++) work(); // warm up the JIT
	let operations = 0;
	const start = performance.now();
	while (performance.now() - start < seconds * 1000) operations += work();
	return { perSecond: operations / ((performance.now() - start) / 1000), operations };
}

function codecBenchmarks(): void {
	const decode = throughput(() => {
		for (const bytes of SAMPLE_MESSAGES) decodeMessage(bytes, { charset: 'utf-8' });
		return SAMPLE_MESSAGES.length;
	});
	rows.push({ benchmark: 'SIP2 decode', result: `${format(decode.perSecond)} messages/s`, detail: `${SAMPLE_MESSAGES.length} shapes (64, 12, 10, 98, 11), checksum verified` });

	const messages: SipMessage[] = SAMPLE_MESSAGES.map((bytes) => decodeMessage(bytes, { charset: 'utf-8' }));
	const encode = throughput(() => {
		for (const message of messages) encodeMessage(message, { charset: 'utf-8', errorDetection: { sequence: 1 } });
		return messages.length;
	});
	rows.push({ benchmark: 'SIP2 encode', result: `${format(encode.perSecond)} messages/s`, detail: 'same shapes, with AY/AZ' });
}

/** Divisible by every concurrency below, so each client lends the same number. */
const CHECKOUTS_PER_RUN = 2_048;

async function checkoutBenchmarks(): Promise<void> {
	const dir = mkdtempSync(join(os.tmpdir(), 'kiosk-bench-'));
	try {
		const dbFile = join(dir, 'bench.db');
		const concurrencies = [1, 8, 32];
		prepareLibrary(dbFile, concurrencies.length * CHECKOUTS_PER_RUN);
		const acs = await startDemoLibrarySystem({ dbFile });
		let nextItem = 0;
		let nextPatron = 0;
		try {
			for (const clients of concurrencies) {
				const connections = await Promise.all(
					Array.from({ length: clients }, async () => {
						const client = new Sip2Client({ transport: tcpTransport({ host: acs.host, port: acs.port }), login: { user: 'kiosk', password: 'kiosk' } });
						client.start();
						await client.waitUntilOnline(5_000);
						return client;
					})
				);
				const perClient = CHECKOUTS_PER_RUN / clients;
				const latencies: number[] = [];
				let refused = 0;
				const start = performance.now();
				await Promise.all(
					connections.map(async (client) => {
						let patron = '';
						for (let i = 0; i < perClient; i++) {
							if (i % LOANS_PER_PATRON === 0) patron = benchPatron(nextPatron++);
							const item = benchItem(nextItem++);
							const sent = performance.now();
							const answer = await client.request({
								command: '11',
								scRenewalPolicy: true,
								noBlock: false,
								transactionDate: formatSipDate(new Date()),
								nbDueDate: NO_SIP_DATE,
								institutionId: 'DEMO',
								patronId: patron,
								itemId: item,
								terminalPassword: ''
							});
							latencies.push(performance.now() - sent);
							if (!answer.ok) refused++;
						}
					})
				);
				const seconds = (performance.now() - start) / 1000;
				await Promise.all(connections.map((client) => client.close()));
				if (refused > 0) throw new Error(`${refused} bench checkouts were refused: the benchmark data is wrong`);
				latencies.sort((a, b) => a - b);
				rows.push({
					benchmark: `Demo ACS checkouts, ${clients} client${clients > 1 ? 's' : ''}`,
					result: `${format(CHECKOUTS_PER_RUN / seconds)} checkouts/s`,
					detail: `${CHECKOUTS_PER_RUN} checkouts over loopback TCP; latency p50 ${latencies[Math.floor(latencies.length * 0.5)]!.toFixed(2)} ms, p95 ${latencies[Math.floor(latencies.length * 0.95)]!.toFixed(2)} ms`
				});
			}
		} finally {
			await acs.close();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const REPLAYED = 10_000;

/**
 * Store and forward: 10,000 offline loans written to the queue (each durable before the next, as
 * at the kiosk), then replayed against the demo library system over loopback SIP2 with no block.
 */
async function offlineReplayBenchmark(): Promise<void> {
	const dir = mkdtempSync(join(os.tmpdir(), 'kiosk-bench-'));
	try {
		const dbFile = join(dir, 'library.db');
		prepareLibrary(dbFile, REPLAYED);
		const queue = openSqliteOfflineQueue(join(dir, 'queue.db'));
		const sealer = createCardSealer(randomBytes(32));
		const writeStart = performance.now();
		const start = Date.now() - 60 * 60 * 1000;
		for (let i = 0; i < REPLAYED; i++) {
			const itemId = benchItem(i);
			const card = benchPatron(Math.floor(i / LOANS_PER_PATRON));
			const transactedAt = new Date(start + i);
			queue.append({ kind: 'checkout', itemId, transactedAt, dueAt: offlineDueDate(transactedAt, 21), sealedCard: sealer.seal(card, cardContext({ kind: 'checkout', itemId, transactedAt })), memberKey: sealer.memberKey(card) });
		}
		const writeSeconds = (performance.now() - writeStart) / 1000;
		rows.push({ benchmark: 'Offline queue writes', result: `${format(REPLAYED / writeSeconds)} transactions/s`, detail: `${REPLAYED} checkouts, card sealed (AES-256-GCM) and member key (HMAC), each committed with synchronous FULL before the next` });

		const acs = await startDemoLibrarySystem({ dbFile });
		const client = new Sip2Client({ transport: tcpTransport({ host: acs.host, port: acs.port }), login: { user: 'kiosk', password: 'kiosk' } });
		client.start();
		await client.waitUntilOnline(5_000);
		try {
			const replayer = new OfflineReplayer(queue, sealer, client, { institutionId: 'DEMO', location: 'CEN', terminalPassword: '' });
			const replayStart = performance.now();
			const report = await replayer.run();
			const seconds = (performance.now() - replayStart) / 1000;
			if (report.applied !== REPLAYED || report.refused > 0) throw new Error(`bench replay: ${JSON.stringify(report)}: the benchmark data is wrong`);
			rows.push({
				benchmark: 'Offline replay',
				result: `${format(REPLAYED / seconds)} transactions/s`,
				detail: `${REPLAYED} queued checkouts replayed in ${seconds.toFixed(1)} s: one at a time, no block = Y, original dates, each marked sent and deleted durably, against the demo library over loopback SIP2`
			});
		} finally {
			await client.close();
			await acs.close();
			queue.close();
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const SESSIONS = 100_000;

/**
 * Server memory after 100,000 member sessions through the session store and the login guard (the
 * state a kiosk server keeps per member): each logged in, used and ended, as the idle wipe or
 * "finish" does. The library system is left out: its answers are not kept.
 */
async function sessionMemoryBenchmark(): Promise<void> {
	const gc = (globalThis as { gc?: () => void }).gc;
	const heap = () => {
		gc?.();
		return process.memoryUsage().heapUsed;
	};
	const sessions = new MemberSessions(60_000);
	const guard = new LoginGuard({ maxPinAttempts: 5, lockMs: 15 * 60_000, attemptsPerMinute: Number.MAX_SAFE_INTEGER });
	const before = heap();
	const start = performance.now();
	for (let i = 0; i < SESSIONS; i++) {
		const card = benchPatron(i);
		guard.admit(card);
		if (i % 10 === 0) guard.pinWrong(card);
		guard.pinRight(card);
		const session = sessions.create(card, null, { firstName: 'Bench', borrowBlock: null, feesOwed: null, offline: false });
		sessions.touch(session.id);
		sessions.end(session.id);
	}
	const seconds = (performance.now() - start) / 1000;
	const after = heap();
	rows.push({
		benchmark: 'Server memory after 100,000 sessions',
		result: `${((after - before) / 2 ** 20).toFixed(1)} MiB retained`,
		detail: `heap ${(before / 2 ** 20).toFixed(1)} → ${(after / 2 ** 20).toFixed(1)} MiB${gc ? ' after GC' : ' (run with --expose-gc for a GC first)'}; each session logged in through the login guard, used and ended (${format(SESSIONS / seconds)} sessions/s)`
	});
}

/** What the kiosk browser downloads: the app's JavaScript, gzipped, from the build. */
function pageWeightBenchmark(): void {
	const root = 'build/client';
	const files: string[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (entry.name.endsWith('.js')) files.push(path);
		}
	};
	walk(join(root, '_app'));
	const gzipped = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
	const total = files.reduce((sum, path) => sum + gzipped(path), 0);
	rows.push({ benchmark: 'Kiosk JavaScript, gzipped', result: `${(total / 1024).toFixed(1)} KiB`, detail: `all ${files.length} client modules of the build (every screen, technician page included), gzip -9` });
}

const SCREEN_RUNS = 3;
const SCANS = 20;

/** The stack of 10 again, in the built kiosk in Chromium: tags on the pad to 10 loans confirmed on screen. */
async function rfidOnScreen(): Promise<void> {
	const dir = mkdtempSync(join(os.tmpdir(), 'kiosk-bench-'));
	try {
		const dbFile = join(dir, 'screen.db');
		prepareLibrary(dbFile, SCREEN_RUNS * 10 + SCANS);
		const { runsMs } = await rfidOnScreenBenchmark({
			dbFile,
			runs: SCREEN_RUNS,
			items: (run) => Array.from({ length: 10 }, (_, index) => benchItem(run * 10 + index)),
			patron: (run) => benchPatron(run)
		});
		const { samplesMs } = await scanToScreenBenchmark({
			dbFile,
			patron: benchPatron(SCREEN_RUNS),
			items: Array.from({ length: SCANS }, (_, index) => benchItem(SCREEN_RUNS * 10 + index))
		});
		const scans = [...samplesMs].sort((a, b) => a - b);
		rows.push({
			benchmark: 'Scan to screen',
			result: `p50 ${Math.round(scans[Math.floor(scans.length * 0.5)]!)} ms, p95 ${Math.round(scans[Math.floor(scans.length * 0.95)]!)} ms`,
			detail: `${SCANS} barcodes typed by a (simulated) keyboard-wedge scanner, Enter to the line showing "lent" with its due date: built kiosk in Chromium, demo library over SIP2`
		});
		const sorted = [...runsMs].sort((a, b) => a - b);
		rows.push({
			benchmark: 'RFID stack of 10, on screen',
			result: `${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms (median of ${runsMs.length})`,
			detail: `built kiosk in Chromium: 10 tags laid on the simulated pad to 10 lines "lent" with the security bit done; runs ${runsMs.map((ms) => Math.round(ms)).join(', ')} ms`
		});
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function format(value: number): string {
	return Math.round(value).toLocaleString('en-US');
}

function machine(): string {
	const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
	return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

/** Device frames: bytes in arbitrary chunks through the splitter, then decoded, as a driver does. */
function frameBenchmarks(): void {
	// FEIG reader-info reply and baud-detect reply from the reference sheet, back to back, cut into 7-byte chunks.
	const feigStream = Buffer.from('0200130066000206000B4D0009011802009596020008005200B905'.repeat(50), 'hex');
	const feigChunks = Array.from({ length: Math.ceil(feigStream.length / 7) }, (_, i) => feigStream.subarray(i * 7, i * 7 + 7));
	const feig = throughput(() => {
		const splitter = createFeigFrameSplitter();
		let frames = 0;
		for (const chunk of feigChunks) for (const frame of splitter.push(chunk)) (decodeFeigResponse(frame), frames++);
		return frames;
	});
	rows.push({ benchmark: 'FEIG ISC frames', result: `${format(feig.perSecond)} frames/s`, detail: 'split from 7-byte chunks, CRC checked, decoded' });

	// ZVT: acknowledgements, intermediate statuses and a completion, as a terminal sends them over TCP.
	const zvtStream = Buffer.from('800000' + '04FF0101' + '060F00'.repeat(1), 'hex');
	const zvtMany = Buffer.concat(Array.from({ length: 100 }, () => zvtStream));
	const zvt = throughput(() => {
		const reader = new TcpApduReader();
		let apdus = 0;
		for (let i = 0; i < zvtMany.length; i += 5) for (const bytes of reader.push(zvtMany.subarray(i, i + 5))) (decodeApdu(bytes), apdus++);
		return apdus;
	});
	rows.push({ benchmark: 'ZVT APDUs', result: `${format(zvt.perSecond)} APDUs/s`, detail: 'split from 5-byte chunks and decoded' });
}

/**
 * Ten tagged items laid on the pad to ten loans confirmed with their security written and read
 * back: the real FEIG pad driver against the pad simulator, the circulation service, and the
 * demo library over SIP2/TCP. What the screen adds on top is one request per item over loopback.
 */
async function rfidStackBenchmark(): Promise<void> {
	const acs = await startDemoLibrarySystem();
	const client = new Sip2Client({ transport: tcpTransport({ host: acs.host, port: acs.port }), login: { user: 'kiosk', password: 'kiosk' } });
	client.start();
	await client.waitUntilOnline(5_000);
	const simulator = new RfidPadSimulator('feig');
	const config = { reader: { kind: 'simulator', protocol: 'feig' }, dataModel: 'iso28560-3', afiInLibrary: 0x07, afiOnLoan: 0xc2, securityMode: 'afi' } as const;
	const control = new PadSimulatorControl(simulator, config);
	const pad = new LibraryPad(new RfidPadDriver(new MemoryLinkOpener('pad', (link) => simulator.attach(link)), 'feig'), TAG_DATA_MODELS['iso28560-3'], { afiInLibrary: 0x07, afiOnLoan: 0xc2, mode: 'afi' });
	pad.start();
	const circulation = new CirculationService(client, { institutionId: 'DEMO', location: 'CEN', terminalPassword: '' }, undefined, undefined, pad);
	const { member } = await circulation.login('20001000000053', '1234');
	const session = new MemberSessions(60_000).create(member!.patronId, member!.pin, member!.member);
	const items = ['30001000000010', '30001000000028', '30001000000036', '30001000000044', '30001000000051', '30001000000069', '30001000000077', '30001000000085', '30001000000093', '30001000000192'];
	try {
		const start = performance.now();
		const lent = new Set<string>();
		let confirmed = 0;
		const done = new Promise<void>((resolve, reject) => {
			pad.on('change', (snapshot) => {
				for (const tag of snapshot.tags) {
					if (tag.kind !== 'item' || !tag.id || lent.has(tag.id)) continue;
					lent.add(tag.id);
					void circulation.borrow(session, tag.id).then((outcome) => {
						if (!outcome.ok || outcome.security !== 'done') reject(new Error(`stack benchmark: ${tag.id} not lent and unsecured`));
						if (++confirmed === items.length) resolve();
					}, reject);
				}
			});
		});
		control.place(items.map((id) => ({ id })));
		await done;
		rows.push({ benchmark: 'RFID stack of 10', result: `${Math.round(performance.now() - start)} ms`, detail: '10 tags laid on the simulated FEIG pad to 10 loans confirmed by the demo library with AFI written and read back (200 ms pad poll)' });
	} finally {
		await pad.stop();
		await client.close();
		await acs.close();
	}
}

codecBenchmarks();
frameBenchmarks();
await checkoutBenchmarks();
await rfidStackBenchmark();
await rfidOnScreen();
await offlineReplayBenchmark();
await sessionMemoryBenchmark();
pageWeightBenchmark();

const table = [
	`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.`,
	'',
	'| Benchmark | Result | Detail |',
	'|---|---|---|',
	...rows.map((row) => `| ${row.benchmark} | ${row.result} | ${row.detail} |`)
].join('\n');
console.log(table);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.md', import.meta.url), table + '\n');
