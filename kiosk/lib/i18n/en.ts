import type { Messages } from './nl';

/** English message catalog. Same keys and `{parameters}` as `nl.ts`. */
export const en = {
	// App-wide
	'app.defaultLibraryName': 'Library',
	'app.pageTitle': '{screen} · {library}',
	'app.loading': 'One moment…',

	// Header
	'header.finish': 'Done',
	'header.cancel': 'Stop',
	'language.name': 'English',

	// Welcome
	'welcome.title': 'Welcome',
	'welcome.intro': 'What would you like to do?',
	'welcome.borrow': 'Borrow',
	'welcome.borrowHint': 'With your library card',
	'welcome.return': 'Return',
	'welcome.returnHint': 'No card needed',
	'welcome.scanHint': 'You can also scan your library card straight away.',

	// Login
	'login.pageTitle': 'Log in',
	'login.card.title': 'Scan your library card',
	'login.card.intro': 'Hold the barcode on your card under the scanner, or type the number printed on your card.',
	'login.card.label': 'Card number',
	'login.card.empty': 'No number entered yet',
	'login.card.next': 'Next',
	'login.pin.title': 'Type your PIN',
	'login.pin.intro': 'Type your PIN and press OK.',
	'login.pin.label': 'PIN',
	'login.pin.count.zero': 'No digits entered yet',
	'login.pin.count.one': '1 digit entered',
	'login.pin.count.other': '{count} digits entered',
	'login.pin.submit': 'OK',
	'login.pin.otherCard': 'Other card',
	'login.pin.help': 'Forgotten your PIN? Ask a member of staff at the desk for help. You can return items without a PIN.',
	'login.busy': 'Logging in…',
	'login.tryAgain': 'Try again',
	'login.toStart': 'Back to the start',
	'login.refusal.card-unknown': 'We do not know this card. Check the number and try again, or go to the desk.',
	'login.refusal.pin-wrong': 'The PIN is not correct. Please try again.',
	'login.refusal.card-blocked': 'You cannot log in here with this card. Please go to the desk; a member of staff will help you.',
	'login.refusal.card-invalid': 'This is not a card number. Scan the barcode on your library card, or type the number printed on it.',

	// Keypad
	'keypad.delete': 'Delete',
	'keypad.label': 'Digits',

	// Scanning
	'scan.manualOpen': 'Type a number',
	'scan.manualClose': 'Close typing',
	'scan.manualLabel': 'Barcode number',
	'scan.manualEmpty': 'No number entered yet',
	'scan.manualSubmit': 'Add',
	'scan.busy': 'Working on {item}…',
	'scan.itemFallback': 'Item {item}',
	'scan.resultsLabel': 'Scanned items',
	'scan.systemMessage': 'Message from the library: {message}',
	'scan.unreadable.title': 'Unreadable item',
	'scan.unreadable': 'An item could not be read. Please give it to a member of staff.',
	'scan.partsMissing.one': 'Part {part} of {of} is missing. Please put all the parts on the pad together.',
	'scan.partsMissing.other': 'Parts {parts} of {of} are missing. Please put all the parts on the pad together.',

	// RFID pad (borrow and return)
	'pad.progress.one': '{processed} of 1 item processed',
	'pad.progress.other': '{processed} of {total} items processed',
	'pad.offline': 'The RFID pad is not working right now. Please scan the barcodes of your items.',

	// Borrow
	'borrow.pageTitle': 'Borrow',
	'borrow.greeting': 'Hello {name}',
	'borrow.greetingNoName': 'Hello',
	'borrow.prompt': 'Scan your books and other items one at a time.',
	'borrow.ok': 'Borrowed',
	'borrow.renewed': 'Renewed (you already had this)',
	'borrow.due': 'Due back {date}',
	'borrow.notBorrowed': 'Not borrowed',
	'borrow.refusal.hold-for-other': 'This item is reserved for someone else. Please give it to a member of staff.',
	'borrow.refusal.on-loan-to-other': 'This item is still on loan to someone else. Please give it to a member of staff.',
	'borrow.refusal.unknown-item': 'We do not know this item. Please give it to a member of staff.',
	'borrow.refusal.member-blocked': 'You cannot borrow right now. Please go to the desk.',
	'borrow.refusal.refused': 'You cannot borrow this item here. Please ask a member of staff for help.',
	'borrow.refusal.parts-missing': 'Part of this set is missing. Please put all the parts on the pad together.',
	'borrow.securityFailed': 'Leave this item here: its security tag was not switched off. A member of staff is on the way.',
	'borrow.block.fees': 'You owe {amount} in fees. Please pay at the desk to borrow again.',
	'borrow.block.feesNoAmount': 'You owe fees. Please pay at the desk to borrow again.',
	'borrow.block.other': 'You cannot borrow right now. Please go to the desk. You can still return items and look at your account.',
	'borrow.announce.ok': '{title}: borrowed, due back {date}',
	'borrow.announce.okNoDate': '{title}: borrowed',
	'borrow.announce.refused': '{title}: not borrowed. {reason}',
	'borrow.toAccount': 'My account',

	// Return
	'return.pageTitle': 'Return',
	'return.title': 'Return',
	'return.prompt': 'Scan the items you are bringing back one at a time.',
	'return.ok': 'Returned',
	'return.notReturned': 'Not returned',
	'return.action.shelve': 'Put it in the returns trolley.',
	'return.action.hold-shelf': 'Put it on the reservations shelf.',
	'return.action.transit': 'Put it in the transport box.',
	'return.action.transitTo': 'Put it in the transport box for {destination}.',
	'return.action.staff': 'Please give it to a member of staff.',
	'return.refusal.unknown-item': 'We do not know this item. Please give it to a member of staff.',
	'return.refusal.refused': 'This item cannot be returned here. Please give it to a member of staff.',
	'return.refusal.parts-missing': 'Part of this set is missing. Please put all the parts on the pad together.',
	'return.securityFailed': 'Leave this item here: its security tag was not switched on. A member of staff is on the way.',
	'return.announce.ok': '{title}: returned. {action}',
	'return.announce.refused': '{title}: not returned. {reason}',

	// Account
	'account.pageTitle': 'My account',
	'account.title': 'My account',
	'account.loans': 'On loan',
	'account.loansEmpty': 'You have nothing on loan.',
	'account.due': 'Due back {date}',
	'account.overdue': 'Overdue',
	'account.overdueDue': 'Was due back {date}',
	'account.renew': 'Renew',
	'account.renewAll': 'Renew all',
	'account.renewBusy': 'Renewing…',
	'account.renewed': 'Renewed. Now due back {date}',
	'account.renewedNoDate': 'Renewed.',
	'account.notRenewed': 'Not renewed',
	'account.renewSummary': '{ok} renewed, {refused} not renewed',
	'account.holdsWaiting': 'Reservations ready for you',
	'account.holdsWaitingEmpty': 'Nothing is waiting for you.',
	'account.holdReadyAt': 'Ready at {place}',
	'account.holdReady': 'Ready to pick up',
	'account.holdsPending': 'Reservations',
	'account.holdsPendingEmpty': 'You have no other reservations.',
	'account.holdPending': 'Not available yet',
	'account.fees': 'Fees owed',
	'account.feesEmpty': 'You owe no fees.',
	'account.feesTotal': 'Total: {amount}',
	'account.feesPay': 'You can pay at the desk.',
	'account.toBorrow': 'Borrow more',
	'account.renewal.hold-for-other': 'Someone else has reserved this. Please bring it back on time.',
	'account.renewal.renewal-limit': 'You have renewed this as often as allowed. Please bring it back on time.',
	'account.renewal.member-blocked': 'You cannot renew right now. Please go to the desk.',
	'account.renewal.refused': 'This item cannot be renewed right now. Please ask a member of staff for help.',

	// Finish
	'finish.pageTitle': 'Thank you',
	'finish.title': 'Thank you!',
	'finish.body': 'You are logged out. There is no receipt: your due dates are always in your account. The screen will start again in a moment.',
	'finish.goodbye': 'Goodbye!',
	'finish.toStart': 'Back to the start',

	// Idle warning
	'idle.title': 'Are you still there?',
	'idle.body': 'You have not done anything for a while. Your session stops in {seconds} seconds.',
	'idle.bodyOne': 'You have not done anything for a while. Your session stops in 1 second.',
	'idle.stay': 'I am still here',

	// Error page
	'errorPage.title': 'This screen does not exist',
	'errorPage.body': 'Something went wrong. Please start again, or ask a member of staff for help.',

	// Errors from the API
	'error.library-unavailable': 'The library system cannot be reached right now. Please try again in a few minutes, or go to the desk.',
	'error.no-session': 'Your session has ended. Please start again.',
	'error.bad-request': 'That did not work. Please try again.',
	'error.internal': 'Something went wrong. Please try again, or ask a member of staff for help.'
} as const satisfies Messages;
