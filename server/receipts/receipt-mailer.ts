import { createTransport } from 'nodemailer';
import type { SmtpConfig } from '../config';
import { silentLogger, type Logger } from '../logging/logger';
import type { ReceiptEmail } from './receipt';

/** Why an e-mail did not go out, in terms that hold no address (SMTP replies often quote it). */
export class ReceiptMailError extends Error {
	constructor(
		/** nodemailer's error code (ECONNECTION, EAUTH, EENVELOPE, ETLS...) or `unknown`. */
		readonly code: string,
		/** The SMTP reply code, when the server answered with one. */
		readonly responseCode: number | null
	) {
		super(`receipt e-mail not sent: ${code}${responseCode === null ? '' : ` (${responseCode})`}`);
		this.name = 'ReceiptMailError';
	}
}

/** What the receipt service needs to send a receipt; ReceiptMailer is one, tests fake it. */
export interface ReceiptSender {
	send(to: string, email: ReceiptEmail): Promise<void>;
}

/** Seconds to wait on the mail server: the member stands at the kiosk meanwhile. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/**
 * Sends receipts over SMTP (nodemailer), one connection per receipt: receipts are rare, and an idle
 * pooled connection would only time out. The address is the library system's, handed in for this
 * one message; it is never logged, and neither are the server's replies (they quote it).
 */
export class ReceiptMailer implements ReceiptSender {
	readonly #config: SmtpConfig;
	readonly #log: Logger;

	constructor(config: SmtpConfig, logger: Logger = silentLogger) {
		this.#config = config;
		this.#log = logger.child({ component: 'receipt-mail' });
	}

	async send(to: string, email: ReceiptEmail): Promise<void> {
		const config = this.#config;
		const transport = createTransport({
			host: config.host,
			port: config.port,
			secure: config.secure,
			requireTLS: !config.secure && config.starttls === 'require',
			ignoreTLS: !config.secure && config.starttls === 'off',
			auth: config.user ? { user: config.user, pass: config.password } : undefined,
			// nodemailer's own logging would write addresses and the message: off.
			logger: false,
			debug: false,
			...TIMEOUTS
		});
		try {
			await transport.sendMail({ from: config.from, to, subject: email.subject, text: email.text, disableFileAccess: true, disableUrlAccess: true });
			this.#log.info('receipt e-mailed');
		} catch (error) {
			const failure = mailError(error);
			this.#log.warn('receipt e-mail not sent', { code: failure.code, responseCode: failure.responseCode ?? undefined });
			throw failure;
		} finally {
			transport.close();
		}
	}
}

function mailError(error: unknown): ReceiptMailError {
	const details = (error ?? {}) as { code?: unknown; responseCode?: unknown };
	const code = typeof details.code === 'string' && /^[A-Z_]{2,32}$/.test(details.code) ? details.code : 'unknown';
	const responseCode = typeof details.responseCode === 'number' ? details.responseCode : null;
	return new ReceiptMailError(code, responseCode);
}
