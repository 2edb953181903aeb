/**
 * Child process of offline-replay-kill.spec.ts: replays an offline queue against a SIP2 server.
 * With `--hang-after N` it lets N transactions be answered by the library system, then freezes
 * before the N-th one is deleted from the queue (the parent kills it there with SIGKILL: the
 * library system has applied a transaction the queue still holds, marked sent). Without it, it
 * replays to the end and prints `DONE <applied> <refused> <remaining>`.
 *
 * Usage: node --import tsx replay-child.ts QUEUE_DB KEY_HEX PORT [--hang-after N]
 */
import { writeSync } from 'node:fs';
import { createCardSealer } from '../../offline/card-sealer';
import { OfflineReplayer } from '../../offline/offline-replayer';
import { openSqliteOfflineQueue } from '../../offline/queue/sqlite-offline-queue';
import type { LibrarySystem } from '../../server/circulation/circulation-service';
import { Sip2Client, tcpTransport } from '../../server/sip2';

const [file, keyHex, port, flag, count] = process.argv.slice(2);
if (!file || !keyHex || !port) throw new Error('usage: replay-child.ts QUEUE_DB KEY_HEX PORT [--hang-after N]');
const hangAfter = flag === '--hang-after' ? Number(count) : Infinity;

const client = new Sip2Client({ transport: tcpTransport({ host: '127.0.0.1', port: Number(port) }), login: { user: 'kiosk', password: 'kiosk', locationCode: 'CEN' } });
client.start();
await client.waitUntilOnline(10_000);

let answered = 0;
const library: LibrarySystem = {
	async request(message) {
		const answer = await client.request(message);
		if (message.command === '11' || message.command === '09') {
			answered++;
			writeSync(1, `ANSWERED ${answered}\n`);
			// Frozen between the library system's answer and the queue's delete: the parent kills us here.
			if (answered >= hangAfter) await new Promise(() => {});
		}
		return answer;
	}
};

const queue = openSqliteOfflineQueue(file);
const replayer = new OfflineReplayer(queue, createCardSealer(Buffer.from(keyHex, 'hex')), library, { institutionId: 'DEMO', location: 'CEN', terminalPassword: '' });
const report = await replayer.run();
writeSync(1, `DONE ${report.applied} ${report.refused} ${report.remaining}\n`);
queue.close();
await client.close();
