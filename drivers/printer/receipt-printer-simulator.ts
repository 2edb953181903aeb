import { EventEmitter } from 'node:events';
import net from 'node:net';
import type { ByteLink } from '../transport/byte-link';
import { tcpLinkFromSocket } from '../transport/tcp-link';
import { EscPosDecoder, encodeStatusReply, type EscPosEvent, type PrintedLine, type ReceiptCut, type StatusQuery } from './escpos';

export interface SimulatedReceipt {
	lines: PrintedLine[];
	/** The lines' text joined with `\n`, without styles. */
	text: string;
	cut: ReceiptCut['mode'];
}

export interface ReceiptPrinterSimulatorEvents {
	line: [line: PrintedLine];
	receipt: [receipt: SimulatedReceipt];
	'status-request': [query: StatusQuery];
}

export interface SimulatorTcpServer {
	host: string;
	port: number;
	/** Stops listening and drops every connection, as switching the printer off does. */
	close(): Promise<void>;
}

/**
 * A receipt printer that speaks the same bytes as the real one: it decodes what it receives,
 * keeps what it printed, and answers DLE EOT from its flags. While the paper is out, the cover
 * open or the printer offline, nothing is printed.
 */
export class ReceiptPrinterSimulator extends EventEmitter<ReceiptPrinterSimulatorEvents> {
	paperOut = false;
	paperNearEnd = false;
	coverOpen = false;
	offline = false;
	/** False makes it ignore status requests, like a print server that does not pass replies back. */
	answersStatus = true;
	/** Cut off, oldest first. */
	readonly receipts: SimulatedReceipt[] = [];
	/** Printed since the last cut, still hanging in the printer. */
	readonly uncutLines: PrintedLine[] = [];
	readonly #links = new Set<ByteLink>();

	/** Serves one connection; every reconnect of a driver attaches a new link. */
	attach(link: ByteLink): void {
		const decoder = new EscPosDecoder();
		this.#links.add(link);
		link.on('data', (chunk) => {
			for (const event of decoder.push(chunk)) this.#handle(event, link);
		});
		link.once('close', () => this.#links.delete(link));
	}

	/** A printer on the network, as on port 9100, on 127.0.0.1. Port 0 picks a free port. */
	async listenTcp(port = 0): Promise<SimulatorTcpServer> {
		const links = new Set<ByteLink>();
		const server = net.createServer((socket) => {
			const link = tcpLinkFromSocket(socket, `tcp:simulator<-${socket.remoteAddress}:${socket.remotePort}`);
			links.add(link);
			link.once('close', () => links.delete(link));
			this.attach(link);
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		const address = server.address() as net.AddressInfo;
		return {
			host: '127.0.0.1',
			port: address.port,
			close: async () => {
				const closed = new Promise<void>((resolve) => server.close(() => resolve()));
				await Promise.all([...links].map((link) => link.close()));
				await closed;
			}
		};
	}

	/** Drops every attached link, as switching the printer off does. */
	async disconnectAll(): Promise<void> {
		await Promise.all([...this.#links].map((link) => link.close()));
	}

	lastReceipt(): SimulatedReceipt | null {
		return this.receipts.at(-1) ?? null;
	}

	lastReceiptText(): string | null {
		return this.lastReceipt()?.text ?? null;
	}

	get #canPrint(): boolean {
		return !this.paperOut && !this.coverOpen && !this.offline;
	}

	#handle(event: EscPosEvent, link: ByteLink): void {
		switch (event.kind) {
			case 'status-request':
				this.emit('status-request', event.query);
				if (this.answersStatus) link.write(Uint8Array.of(this.#statusReply(event.query))).catch(() => undefined);
				return;
			case 'text':
				if (!this.#canPrint) return;
				this.uncutLines.push(event);
				this.emit('line', event);
				return;
			case 'cut': {
				// A second cut at the same place cuts nothing off.
				if (!this.#canPrint || this.uncutLines.length === 0) return;
				const lines = this.uncutLines.splice(0);
				const receipt: SimulatedReceipt = { lines, text: lines.map((line) => line.text).join('\n'), cut: event.mode };
				this.receipts.push(receipt);
				this.emit('receipt', receipt);
				return;
			}
		}
	}

	#statusReply(query: StatusQuery): number {
		switch (query) {
			case 'printer':
				return encodeStatusReply('printer', { offline: !this.#canPrint });
			case 'offline-cause':
				return encodeStatusReply('offline-cause', { coverOpen: this.coverOpen, paperEndStop: this.paperOut, error: false });
			case 'error-cause':
				return encodeStatusReply('error-cause', { cutterError: false, unrecoverableError: false, autoRecoverableError: false });
			case 'paper-sensor':
				return encodeStatusReply('paper-sensor', { paperNearEnd: this.paperNearEnd || this.paperOut, paperOut: this.paperOut });
		}
	}
}
