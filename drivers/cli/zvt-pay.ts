/**
 * `pay --zvt …`: one real card payment through a ZVT terminal, for installing a terminal and for
 * proving to the library's payment provider that the kiosk's terminal works end to end. It shows
 * what the kiosk would show (the terminal's status texts) and what it would print (receipt lines).
 */
import {
	ConfigFlag,
	hexByte,
	ZvtCommandError,
	ZvtTerminal,
	type ZvtCurrency,
	type ZvtFraming,
	type ZvtPaymentResult,
	type ZvtRegistration,
	type ZvtStatusEvent
} from '../payment';
import type { ByteLinkOpener } from '../transport/byte-link';
import type { CliOutput } from './devices-cli';
import { messageOf, printable } from './text';

export interface ZvtPayOptions {
	opener: ByteLinkOpener;
	framing: ZvtFraming;
	amountCents: number;
	currency: ZvtCurrency;
	password: string;
}

/**
 * The kiosk's own registration (BE, as in the driver's tests): status texts and receipt lines come
 * to us, so the technician sees here what the kiosk would show and print; the terminal prints nothing.
 */
const CONFIG_BYTE =
	ConfigFlag.ecrPrintsPaymentReceipts |
	ConfigFlag.ecrPrintsAdministrationReceipts |
	ConfigFlag.intermediateStatus |
	ConfigFlag.ecrControlsPayment |
	ConfigFlag.ecrControlsAdministration |
	ConfigFlag.ptSendsReceiptLines;

export async function payOnce(options: ZvtPayOptions, out: CliOutput, signal?: AbortSignal): Promise<number> {
	const terminal = new ZvtTerminal({ opener: options.opener, framing: options.framing });
	let phase: 'registering' | 'paying' | 'done' = 'registering';
	terminal.on('status', (status) => out.line(`status ${status.id}: ${statusText(status)}`));
	terminal.on('receipt-line', (line) => out.line(`receipt | ${printable(line.text)}`));

	// abort() only reaches a payment the terminal has taken on (state busy); a Ctrl-C just before waits for that.
	const abortWhenBusy = (): void => {
		if (phase !== 'paying') return;
		if (terminal.state !== 'busy') {
			terminal.once('state', abortWhenBusy);
			return;
		}
		void terminal.abort().then((accepted) => {
			if (phase !== 'paying') return;
			out.line(accepted ? 'the terminal accepted the abort' : 'the terminal refused the abort (it may already be talking to its host): waiting for the result');
		});
	};
	const onAbort = (): void => {
		if (phase === 'registering') {
			// Nothing is being paid yet: hanging up ends the registration at once.
			void terminal.close();
		} else if (phase === 'paying') {
			out.line('asking the terminal to abort the payment');
			abortWhenBusy();
		}
	};
	signal?.addEventListener('abort', onAbort, { once: true });

	try {
		out.line(`terminal on ${terminal.description}`);
		let registration: ZvtRegistration;
		try {
			registration = await terminal.register(options.password, CONFIG_BYTE, options.currency);
		} catch (error) {
			out.line(signal?.aborted ? 'stopped before the payment started' : registrationFailure(error));
			return 1;
		}
		out.line(
			`registered: terminal id ${registration.terminalId ?? '(not sent)'}` +
				(registration.outOfService ? ', but the terminal says it needs initialisation, diagnosis or an OPT action' : '')
		);
		if (signal?.aborted) {
			out.line('stopped before the payment started');
			return 1;
		}
		out.line(`paying ${formatAmount(options.amountCents, options.currency)}; Ctrl-C aborts the payment at the terminal`);
		phase = 'paying';
		let result: ZvtPaymentResult;
		try {
			result = await terminal.authorize(options.amountCents, { currency: options.currency });
		} catch (error) {
			out.line(`outcome unknown: ${messageOf(error)}; check the terminal's journal before paying again, do not count it as paid`);
			return 1;
		} finally {
			phase = 'done';
		}
		// Card names and texts come from the terminal: shown escaped like every other device text.
		out.line(printable(describeResult(result, options.currency)));
		return result.outcome === 'approved' ? 0 : 1;
	} finally {
		phase = 'done';
		signal?.removeEventListener('abort', onAbort);
		await terminal.close();
	}
}

function registrationFailure(error: unknown): string {
	if (!(error instanceof ZvtCommandError)) return `registration failed: ${messageOf(error)}`;
	// The message starts with the command's name, which this line already says.
	const prefix = `${error.command}: `;
	const detail = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
	return `registration failed: ${detail}${error.failure === 'rejected' ? ' (is --password right?)' : ''}`;
}

function statusText(status: ZvtStatusEvent): string {
	return status.terminalText === null ? `(${status.text})` : printable(status.terminalText.replace(/\n/g, ' / '));
}

function describeResult(result: ZvtPaymentResult, currency: ZvtCurrency): string {
	switch (result.outcome) {
		case 'approved': {
			const details = [
				formatAmount(result.amountCents, currency),
				[result.cardName, result.maskedPan].filter((part) => part !== null).join(' ') || null,
				result.receiptNumber === null ? null : `receipt ${result.receiptNumber}`,
				result.traceNumber === null ? null : `trace ${result.traceNumber}`,
				result.authorisationAttribute === null ? null : `approval code ${result.authorisationAttribute}`,
				result.terminalId === null ? null : `terminal ${result.terminalId}`
			];
			return `approved: ${details.filter((detail) => detail !== null).join(', ')}`;
		}
		case 'declined':
			return `declined: ${result.text} (result code ${hexByte(result.code)})${result.terminalText === null ? '' : `, the terminal says "${result.terminalText}"`}`;
		case 'aborted':
			return result.by === 'kiosk'
				? `aborted from here (result code ${hexByte(result.code)})`
				: `aborted at the terminal: abort key or the terminal's own timeout (result code ${hexByte(result.code)})`;
		case 'timeout':
			return result.stage === 'acknowledgement'
				? 'timeout: the terminal did not acknowledge the payment; it may or may not have started, check the terminal before paying again'
				: 'timeout: no result from the terminal in time; the outcome is unknown, check the terminal journal, do not count it as paid';
		case 'disconnected':
			return 'disconnected: the link went during the payment; the outcome is unknown, check the terminal journal, do not count it as paid';
		case 'unavailable':
			return `unavailable (${result.reason}): ${result.text}`;
	}
}

/** Whole cents only: ZVT amounts are cents and every currency the terminals take here has two decimals. */
function formatAmount(cents: number, currency: ZvtCurrency): string {
	return `${currency} ${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
