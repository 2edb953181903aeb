// `npm start`: the built kiosk, on loopback by default (see listen-address.js).
import { applyListenDefaults } from './listen-address.js';

applyListenDefaults(process.env);
await import('../build/index.js');
