export { RfidPadDriver, type PresentTag, type RfidPadEvents, type RfidPadOptions, type RfidPadState, type RfidPadStatus, type VerifiedWrite } from './rfid-pad';
export {
	DEFAULT_COMMAND_TIMEOUT_MS,
	isRfidError,
	RfidError,
	rfidSerialSettings,
	type ReaderIdentity,
	type RfidErrorKind,
	type RfidProtocol,
	type RfidReader,
	type RfidReaderOptions,
	type SystemInfo,
	type TagInfo,
	type Uid
} from './rfid-reader';
export { FeigReader, type FeigReaderOptions } from './feig-reader';
export { BibliothecaReader, type BibliothecaReaderOptions } from './bibliotheca-reader';
export { nxpUid, RfidPadSimulator, type RfidPadSimulatorOptions, type SimulatedTag, type SimulatedTagInit } from './rfid-pad-simulator';
export { bytesToHex, hexToBytes, normalizeUid } from './iso15693';
export * as feigIsc from './feig-isc-protocol';
export * as bibliothecaD6 from './bibliotheca-d6-protocol';
export * as iso15693 from './iso15693';
