// `npm start`: the built kiosk on loopback (adapter-node would bind every interface by default).
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '3000';
await import('../build/index.js');
