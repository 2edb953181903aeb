export * from './escpos';
export * from './receipt-printer-driver';
export * from './receipt-printer-simulator';
