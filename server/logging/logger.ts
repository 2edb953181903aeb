import { openSync, writeSync } from 'node:fs';

/**
 * Structured logs (one JSON object a line on stderr, or in LOG_FILE). Personal data must never reach a log: callers
 * pass SIP2 text through `redactSipText`, and this logger also drops any field whose name says it
 * is personal, as a second line of defence.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
	debug(message: string, fields?: LogFields): void;
	info(message: string, fields?: LogFields): void;
	warn(message: string, fields?: LogFields): void;
	error(message: string, fields?: LogFields): void;
	child(fields: LogFields): Logger;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const PERSONAL_KEYS = /pin|password|passwd|secret|card|patron|name|email|e-mail|phone|address|birth/i;

export function redactLogFields(fields: LogFields): LogFields {
	return Object.fromEntries(
		Object.entries(fields).map(([key, value]) => [key, PERSONAL_KEYS.test(key) && value !== undefined && value !== null ? '[redacted]' : value])
	);
}

export function createLogger(options: {
	level?: LogLevel;
	write?: (line: string) => void;
	fields?: LogFields;
} = {}): Logger {
	const threshold = LEVELS[options.level ?? 'info'];
	const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
	const base = options.fields ?? {};
	const log = (level: LogLevel) => (message: string, fields: LogFields = {}) => {
		if (LEVELS[level] < threshold) return;
		write(JSON.stringify({ time: new Date().toISOString(), level, message, ...redactLogFields({ ...base, ...fields }) }));
	};
	return {
		debug: log('debug'),
		info: log('info'),
		warn: log('warn'),
		error: log('error'),
		child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } })
	};
}

/**
 * Appends each line to a file (LOG_FILE), created owner-only (0600). Written synchronously, so a
 * line is on disk before the next request and none is lost when the process is killed.
 */
export function logFileWriter(path: string): (line: string) => void {
	const fd = openSync(path, 'a', 0o600);
	return (line) => {
		writeSync(fd, line + '\n');
	};
}

/** For tests and tools that want quiet. */
export const silentLogger: Logger = createLogger({ write: () => {} });

export function isLogLevel(value: string | undefined): value is LogLevel {
	return value !== undefined && value in LEVELS;
}
