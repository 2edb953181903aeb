// Where `npm start` listens unless told otherwise, apart from start.js so a unit test can hold it
// to loopback (server/listen-address.spec.ts): adapter-node alone would bind every interface.

/**
 * Fills in HOST (loopback), PORT and ORIGIN where the environment leaves them unset. adapter-node
 * assumes https unless told the origin; the kiosk browser is on this machine, over http.
 * @param {Record<string, string | undefined>} env changed in place
 */
export function applyListenDefaults(env) {
	env.HOST ??= '127.0.0.1';
	env.PORT ??= '3000';
	env.ORIGIN ??= `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${env.PORT}`;
	return env;
}
