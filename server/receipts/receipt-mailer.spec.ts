import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackSmtp, type LoopbackSmtp } from '../../test/support/loopback-smtp';
import type { SmtpConfig } from '../config';
import { createLogger } from '../logging/logger';
import { ReceiptMailError, ReceiptMailer } from './receipt-mailer';

/** The mailer against a real SMTP server on loopback (smtp-server), over real TCP. */
const ADDRESS = 'sanne.jansen@example.nl';
const EMAIL = { subject: 'Uw bon van Bibliotheek Demostad', text: 'Geleend\n- Zwartboek\n  Terug op 14 december 2026\n' };

let smtp: LoopbackSmtp | null = null;

afterEach(async () => {
	await smtp?.close();
	smtp = null;
});

function config(server: LoopbackSmtp, overrides: Partial<SmtpConfig> = {}): SmtpConfig {
	return { host: server.host, port: server.port, secure: false, starttls: 'off', user: '', password: '', from: 'Bibliotheek Demostad <kiosk@bibliotheek.example>', ...overrides };
}

function capturedLogger() {
	const lines: string[] = [];
	return { lines, logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }) };
}

describe('ReceiptMailer', () => {
	it('sends the receipt as plain text to the one address, from the configured sender, logging no address', async () => {
		smtp = await startLoopbackSmtp();
		const { lines, logger } = capturedLogger();
		await new ReceiptMailer(config(smtp), logger).send(ADDRESS, EMAIL);
		const mail = await smtp.waitFor(1);
		expect(mail.envelopeTo).toEqual([ADDRESS]);
		expect(mail.to).toBe(ADDRESS);
		expect(mail.envelopeFrom).toBe('kiosk@bibliotheek.example');
		expect(mail.subject).toBe(EMAIL.subject);
		expect(mail.text.trim()).toBe(EMAIL.text.trim());
		expect(mail.raw).not.toMatch(/text\/html/i);
		expect(lines.join('\n')).toContain('receipt e-mailed');
		expect(lines.join('\n')).not.toContain(ADDRESS);
	});

	it('logs in with SMTP_USER and SMTP_PASSWORD, and never logs the password', async () => {
		smtp = await startLoopbackSmtp({ users: { kiosk: 's3cret-pass' } });
		const { lines, logger } = capturedLogger();
		await new ReceiptMailer(config(smtp, { user: 'kiosk', password: 's3cret-pass' }), logger).send(ADDRESS, EMAIL);
		expect((await smtp.waitFor(1)).user).toBe('kiosk');
		await expect(new ReceiptMailer(config(smtp, { user: 'kiosk', password: 'wrong' }), logger).send(ADDRESS, EMAIL)).rejects.toMatchObject({ code: 'EAUTH' });
		expect(lines.join('\n')).not.toMatch(/s3cret-pass|wrong/);
	});

	it('turns a refused recipient into an error that, like the log, does not quote the address', async () => {
		smtp = await startLoopbackSmtp({ refuse: [ADDRESS] });
		const { lines, logger } = capturedLogger();
		const failure = await new ReceiptMailer(config(smtp), logger).send(ADDRESS, EMAIL).catch((error: unknown) => error);
		expect(failure).toBeInstanceOf(ReceiptMailError);
		expect((failure as ReceiptMailError).code).toBe('EENVELOPE');
		expect((failure as ReceiptMailError).message).not.toContain(ADDRESS);
		expect(lines.join('\n')).toContain('receipt e-mail not sent');
		expect(lines.join('\n')).not.toContain(ADDRESS);
		expect(smtp.received).toEqual([]);
	});

	it('does not send in the clear when STARTTLS is required and the server does not offer it', async () => {
		smtp = await startLoopbackSmtp();
		await expect(new ReceiptMailer(config(smtp, { starttls: 'require' })).send(ADDRESS, EMAIL)).rejects.toBeInstanceOf(ReceiptMailError);
		expect(smtp.received).toEqual([]);
	});

	it('fails plainly when no mail server listens', async () => {
		smtp = await startLoopbackSmtp();
		const port = smtp.port;
		await smtp.close();
		smtp = null;
		const mailer = new ReceiptMailer({ host: '127.0.0.1', port, secure: false, starttls: 'off', user: '', password: '', from: 'kiosk@bibliotheek.example' });
		await expect(mailer.send(ADDRESS, EMAIL)).rejects.toMatchObject({ code: 'ESOCKET' });
	});
});
