// `npm start`: the built kiosk, on loopback by default (adapter-node would bind every interface).
// adapter-node assumes https unless told the origin; the kiosk browser is on this machine over http.
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://${process.env.HOST.includes(':') ? `[${process.env.HOST}]` : process.env.HOST}:${process.env.PORT}`;
await import('../build/index.js');
