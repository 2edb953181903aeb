export * from './zvt-apdu';
export * from './zvt-apdu-channel';
export * from './zvt-errors';
export * from './zvt-serial-framing';
export * from './zvt-tcp-framing';
export * from './zvt-terminal-driver';
export * from './zvt-terminal-simulator';
