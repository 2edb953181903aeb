/**
 * A real SMTP server on loopback for the tests (smtp-server): it takes what the kiosk sends and keeps
 * each message, parsed (mailparser), with its envelope. It speaks plain SMTP without STARTTLS,
 * as a relay on the same machine does; with `users` it wants a login, with `refuse` it refuses
 * those recipients as a real server would, quoting the address.
 */
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
	/** RCPT TO, as the kiosk gave it. */
	envelopeTo: string[];
	envelopeFrom: string;
	/** The To: header as written. */
	to: string;
	from: string;
	subject: string;
	text: string;
	/** The raw message, headers included, for searching every byte. */
	raw: string;
	/** Who logged in, when anyone did. */
	user: string | null;
}

export interface LoopbackSmtp {
	host: '127.0.0.1';
	port: number;
	received: ReceivedMail[];
	/** Resolves with the `count`-th message once it has arrived (1-based), or rejects after `timeoutMs`. */
	waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail>;
	close(): Promise<void>;
}

export interface LoopbackSmtpOptions {
	/** 0: any free port. */
	port?: number;
	/** user → password; set: every message needs a login. */
	users?: Record<string, string>;
	/** Recipients refused with 550. */
	refuse?: string[];
}

export async function startLoopbackSmtp(options: LoopbackSmtpOptions = {}): Promise<LoopbackSmtp> {
	const received: ReceivedMail[] = [];
	const waiters: Array<() => void> = [];
	const users = options.users;
	const server = new SMTPServer({
		logger: false,
		disabledCommands: users ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
		hideSTARTTLS: true,
		authOptional: !users,
		allowInsecureAuth: true,
		onAuth(auth, _session, callback) {
			if (users && auth.username !== undefined && users[auth.username] === auth.password) callback(null, { user: auth.username });
			else callback(new Error('Invalid username or password'));
		},
		onRcptTo(address, _session, callback) {
			if (options.refuse?.includes(address.address)) {
				const error = Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 });
				callback(error);
			} else callback();
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				simpleParser(raw)
					.then((parsed) => {
						const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(', ') : (parsed.to?.text ?? '');
						received.push({
							envelopeTo: session.envelope.rcptTo.map((address) => address.address),
							envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
							to,
							from: parsed.from?.text ?? '',
							subject: parsed.subject ?? '',
							text: parsed.text ?? '',
							raw,
							user: typeof session.user === 'string' ? session.user : null
						});
						for (const wake of waiters.splice(0)) wake();
						callback();
					})
					.catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		host: '127.0.0.1',
		port,
		received,
		async waitFor(count, timeoutMs = 5_000) {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count) {
				const left = deadline - Date.now();
				if (left <= 0) throw new Error(`no ${count}. e-mail within ${timeoutMs} ms (got ${received.length})`);
				await new Promise<void>((resolve) => {
					const timer = setTimeout(resolve, left);
					waiters.push(() => {
						clearTimeout(timer);
						resolve();
					});
				});
			}
			return received[count - 1]!;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
