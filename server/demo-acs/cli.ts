/**
 * Runs the demo library system alone: `npm run acs -- --port N [--db FILE] [--host H]`.
 * Without --db it serves a fresh, seeded in-memory library that is gone when it stops.
 */
import { parseArgs } from 'node:util';
import { createLogger, isLogLevel } from '../logging/logger';
import { isSipCharset } from '../sip2';
import { DEMO_SIP_LOGIN, startDemoLibrarySystem } from './demo-library-system';

const usage = 'usage: npm run acs -- --port N [--db FILE] [--host 127.0.0.1] [--charset utf-8|iso-8859-1|ibm850]';

try {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '6001' },
			db: { type: 'string' },
			host: { type: 'string', default: '127.0.0.1' },
			charset: { type: 'string', default: 'utf-8' },
			help: { type: 'boolean', default: false }
		}
	});
	if (values.help) {
		console.log(usage);
		process.exit(0);
	}
	const port = Number(values.port);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got "${values.port}"`);
	if (!isSipCharset(values.charset)) throw new Error(`--charset must be utf-8, iso-8859-1 or ibm850`);
	const level = process.env.LOG_LEVEL;
	const logger = createLogger({ level: isLogLevel(level) ? level : 'info' });
	const acs = await startDemoLibrarySystem({ port, host: values.host, dbFile: values.db, charset: values.charset, logger });
	console.log(
		`Demo library system (SIP2) on ${acs.host}:${acs.port}: login ${DEMO_SIP_LOGIN.user}/${DEMO_SIP_LOGIN.password}, institution DEMO, ` +
			(values.db ? `database ${values.db}` : 'fresh in-memory database')
	);
	const stop = () => void acs.close().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
} catch (error) {
	console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
	process.exit(2);
}
