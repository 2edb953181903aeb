import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { Sip2ConnectionError } from './errors';

/**
 * How the client reaches the ACS: anything that yields a byte stream. Raw TCP and TLS here; an
 * HTTP envelope (FBS) would be another implementation of the same seam.
 */
export interface SipTransport {
	/** Opens a new connection. Rejects with Sip2ConnectionError. */
	connect(): Promise<Duplex>;
	/** For logs: where this goes, without credentials. */
	readonly description: string;
}

export interface TcpTransportOptions {
	host: string;
	port: number;
	connectTimeoutMs?: number;
	/** TLS on top of TCP. `ca` in PEM for a library's own certificate authority. */
	tls?: { ca?: string; rejectUnauthorized?: boolean; servername?: string } | false;
}

export function tcpTransport(options: TcpTransportOptions): SipTransport {
	const timeout = options.connectTimeoutMs ?? 5_000;
	const useTls = options.tls !== undefined && options.tls !== false;
	return {
		description: `${useTls ? 'tls' : 'tcp'}://${options.host}:${options.port}`,
		connect: () =>
			new Promise<Duplex>((resolve, reject) => {
				const tlsOptions = options.tls || undefined;
				const socket = tlsOptions
					? tls.connect({
							host: options.host,
							port: options.port,
							ca: tlsOptions.ca,
							rejectUnauthorized: tlsOptions.rejectUnauthorized ?? true,
							servername: tlsOptions.servername ?? (net.isIP(options.host) ? undefined : options.host)
						})
					: net.connect({ host: options.host, port: options.port });
				const ready = tlsOptions ? 'secureConnect' : 'connect';
				const timer = setTimeout(() => fail(new Sip2ConnectionError(`connection to ${options.host}:${options.port} timed out`)), timeout);
				const fail = (error: Error) => {
					clearTimeout(timer);
					socket.destroy();
					reject(error instanceof Sip2ConnectionError ? error : new Sip2ConnectionError(`cannot connect to ${options.host}:${options.port}: ${error.message}`));
				};
				socket.once('error', fail);
				socket.once(ready, () => {
					clearTimeout(timer);
					socket.off('error', fail);
					socket.setNoDelay(true);
					socket.setKeepAlive(true, 30_000);
					resolve(socket);
				});
			})
	};
}
