export { symbologyFromAim, splitAimPrefix, type Symbology } from './aim-symbology';
export {
	BARCODE_VALIDATION_MODES,
	EAN13_LENGTH,
	LIBRARY_BARCODE_LENGTH,
	ean13CheckDigit,
	luhnCheckDigit,
	validateBarcode,
	type BarcodeInvalidReason,
	type BarcodeValidation,
	type BarcodeValidationMode
} from './barcode-validation';
export {
	DEFAULT_MAX_HID_SCAN_BYTES,
	HID_POS_DATA_CAPACITY,
	HID_POS_REPORT_BYTES,
	HID_POS_SCAN_REPORT_ID,
	HID_POS_USAGE_BARCODE_SCANNER,
	HID_POS_USAGE_PAGE,
	HONEYWELL_CODE_IDS,
	HidPosAssembler,
	HidPosReportError,
	SCANNER_VENDOR_IDS,
	decodeHidPosReport,
	encodeHidPosReports,
	hidPosModeFeatureReport,
	honeywellCodeIdFor,
	type HidPosEncodeOptions,
	type HidPosReport,
	type HidPosReportErrorKind,
	type HidPosReportLayout,
	type HidPosScan
} from './hid-pos-report';
export {
	DEFAULT_MAX_SERIAL_SCAN_BYTES,
	SerialScanError,
	SerialScanReader,
	encodeSerialScan,
	parseSerialScanLine,
	type SerialScan,
	type SerialScanFrame,
	type SerialScanTerminator
} from './serial-scanner-protocol';
export {
	FakeHidBinding,
	FakeHidDevice,
	HidUnavailableError,
	nodeHidBinding,
	type HidBinding,
	type HidDevice,
	type HidDeviceEvents,
	type HidDeviceInfo
} from './hid-device';
export {
	BarcodeScannerDriver,
	DEFAULT_DUPLICATE_WINDOW_MS,
	pickHidDevice,
	type BarcodeScan,
	type BarcodeScannerDriverOptions,
	type BarcodeScannerEvents,
	type BarcodeScannerSource,
	type HidDeviceMatch,
	type ScannerKind,
	type ScannerState
} from './barcode-scanner-driver';
export {
	HidScannerSimulator,
	SerialScannerSimulator,
	type HidScanOptions,
	type HidScannerSimulatorOptions,
	type SerialScanOptions
} from './barcode-scanner-simulator';
