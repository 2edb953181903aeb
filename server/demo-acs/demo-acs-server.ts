import net from 'node:net';
import type { Logger } from '../logging/logger';
import { silentLogger } from '../logging/logger';
import {
	decodeMessage,
	decodeText,
	encodeMessage,
	redactSipText,
	RESPONSE_TO,
	SipChecksumError,
	SipFrameReader,
	SipParseError,
	SipUnknownCommandError,
	TERMINATOR_BYTES,
	type SipCharset,
	type SipMessage,
	type SipRequest,
	type SipTerminator
} from '../sip2';
import type { DemoAcsHandlers } from './demo-acs-handlers';

/**
 * The demo library system's SIP2 server. It behaves like the servers libraries run (sip2.md §5, §9):
 * answers with the client's terminator, adds AY/AZ only when the request had them, answers a bad
 * checksum with 96 and a 97 with the last response again, ignores unknown commands, and serves
 * nothing but login and status before a successful login.
 */
export interface DemoAcsServerOptions {
	handlers: DemoAcsHandlers;
	host?: string;
	port?: number;
	charset?: SipCharset;
	logger?: Logger;
}

export interface RunningDemoAcs {
	host: string;
	port: number;
	close(): Promise<void>;
}

interface ConnectionState {
	loggedIn: boolean;
	terminator: SipTerminator;
	/** The last response sent, as bytes without terminator, for 97 and duplicates. */
	lastResponse: Buffer | null;
	/** The last request's AY+AZ, to spot a resent duplicate. */
	lastRequestTrailer: string | null;
}

export async function startDemoAcs(options: DemoAcsServerOptions): Promise<RunningDemoAcs> {
	const host = options.host ?? '127.0.0.1';
	const charset = options.charset ?? 'utf-8';
	const log = (options.logger ?? silentLogger).child({ component: 'demo-acs' });
	const sockets = new Set<net.Socket>();

	const server = net.createServer((socket) => {
		sockets.add(socket);
		socket.setNoDelay(true);
		const reader = new SipFrameReader();
		const state: ConnectionState = { loggedIn: false, terminator: 'CR', lastResponse: null, lastRequestTrailer: null };
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		socket.on('data', (chunk: Buffer) => {
			let frames: Buffer[];
			try {
				frames = reader.push(chunk);
			} catch {
				socket.destroy();
				return;
			}
			state.terminator = reader.terminator ?? 'CR';
			for (const frame of frames) {
				const reply = respond(frame, state);
				if (reply === 'close') {
					socket.destroy();
					return;
				}
				if (reply) socket.write(Buffer.concat([reply, TERMINATOR_BYTES[state.terminator]]));
			}
		});
	});

	function respond(frame: Buffer, state: ConnectionState): Buffer | null | 'close' {
		const text = decodeText(frame, charset);
		log.debug('sip2 received', { text: redactSipText(text) });
		if (text.startsWith('97')) return state.lastResponse;

		let request: SipMessage;
		try {
			request = decodeMessage(frame, { charset });
		} catch (error) {
			if (error instanceof SipUnknownCommandError) return null;
			if (error instanceof SipChecksumError || error instanceof SipParseError) {
				const hadTrailer = /AZ[0-9A-Fa-f]{4}$/.test(text);
				state.lastResponse = encodeMessage({ command: '96' }, { charset, errorDetection: hadTrailer ? { sequence: 0 } : false });
				return state.lastResponse;
			}
			throw error;
		}

		const trailer = request.checksum === undefined ? null : `${request.sequence ?? ''}${request.checksum}`;
		if (trailer !== null && trailer === state.lastRequestTrailer && state.lastResponse) return state.lastResponse;
		state.lastRequestTrailer = trailer;

		if (!(request.command in RESPONSE_TO)) return null;
		const sipRequest = request as SipRequest;
		if (!state.loggedIn && sipRequest.command !== '93' && sipRequest.command !== '99') {
			log.warn('request before login; closing the connection', { command: sipRequest.command });
			return 'close';
		}
		const response = options.handlers.answer(sipRequest);
		if (response.command === '94') state.loggedIn = response.ok;
		const errorDetection = request.checksum !== undefined ? { sequence: request.sequence ?? 0 } : false;
		state.lastResponse = encodeMessage(response, { charset, errorDetection });
		log.debug('sip2 sent', { text: redactSipText(decodeText(state.lastResponse, charset)) });
		return state.lastResponse;
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const port = (server.address() as net.AddressInfo).port;
	log.info('demo library system listening', { host, port });
	return {
		host,
		port,
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			})
	};
}
