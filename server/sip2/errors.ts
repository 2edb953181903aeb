/**
 * Typed errors of the SIP2 layer. Callers branch on the class (or `kind`), never on message text.
 * Messages never contain a PIN or password: the codec only quotes field ids and lengths.
 */
export type Sip2ErrorKind =
	| 'parse'
	| 'checksum'
	| 'unknown-command'
	| 'encode'
	| 'timeout'
	| 'connection'
	| 'login'
	| 'protocol'
	| 'unavailable';

export class Sip2Error extends Error {
	constructor(
		readonly kind: Sip2ErrorKind,
		message: string
	) {
		super(message);
		this.name = new.target.name;
	}
}

/** The bytes are not a SIP2 message we can read (fixed part too short, malformed field, bad date...). */
export class SipParseError extends Sip2Error {
	constructor(message: string, kind: 'parse' | 'unknown-command' = 'parse') {
		super(kind, message);
	}
}

/** A command id we have no schema for. The ACS ignores these (no answer), as the spec says. */
export class SipUnknownCommandError extends SipParseError {
	constructor(readonly command: string) {
		super(`unknown command id "${command}"`, 'unknown-command');
	}
}

/** The message carried AZ but neither the byte sum nor the character sum matches it. */
export class SipChecksumError extends Sip2Error {
	constructor(
		readonly command: string,
		readonly received: string
	) {
		super('checksum', `bad checksum on message ${command}`);
	}
}

/** We were asked to send something the protocol cannot carry (wrong fixed length, bad field id...). */
export class SipEncodeError extends Sip2Error {
	constructor(message: string) {
		super('encode', message);
	}
}

/** No answer within the request timeout. The connection is dropped, since a late answer would desync it. */
export class Sip2TimeoutError extends Sip2Error {
	constructor(readonly command: string, readonly timeoutMs: number) {
		super('timeout', `no answer to ${command} within ${timeoutMs} ms`);
	}
}

/** The TCP/TLS connection could not be made or was lost while a request was in flight. */
export class Sip2ConnectionError extends Sip2Error {
	constructor(message: string) {
		super('connection', message);
	}
}

/** The ACS refused our SIP login (94 with ok = 0). Retrying with the same credentials will not help. */
export class Sip2LoginError extends Sip2Error {
	constructor() {
		super('login', 'the library system refused the SIP2 login');
	}
}

/** The ACS answered with something other than the response to our request, or kept asking for resends. */
export class Sip2ProtocolError extends Sip2Error {
	constructor(message: string) {
		super('protocol', message);
	}
}

/** The client is not connected and logged in (the library system is unreachable); nothing was sent. */
export class Sip2UnavailableError extends Sip2Error {
	constructor() {
		super('unavailable', 'the library system is not reachable');
	}
}
