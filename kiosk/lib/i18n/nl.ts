/**
 * Dutch message catalog: the default language and the source of truth for the set of keys.
 * `en.ts` must have exactly the same keys (checked by the compiler) and the same `{parameters}`
 * (checked by `i18n.spec.ts`).
 *
 * Keys are flat, grouped by screen with a dot. Parameters are written `{name}`.
 */
export const nl = {
	// App-wide
	'app.defaultLibraryName': 'Bibliotheek',
	'app.pageTitle': '{screen} · {library}',
	'app.loading': 'Een moment…',

	// Header
	'header.finish': 'Klaar',
	'header.cancel': 'Stoppen',
	'language.name': 'Nederlands',

	// Welcome
	'welcome.title': 'Welkom',
	'welcome.intro': 'Wat wilt u doen?',
	'welcome.borrow': 'Lenen',
	'welcome.borrowHint': 'Met uw bibliotheekpas',
	'welcome.return': 'Inleveren',
	'welcome.returnHint': 'Zonder pas',
	'welcome.scanHint': 'U kunt ook meteen uw bibliotheekpas scannen.',

	// Login: card step
	'login.pageTitle': 'Inloggen',
	'login.card.title': 'Scan uw bibliotheekpas',
	'login.card.intro': 'Houd de streepjescode van uw pas onder de scanner, of typ het nummer dat op uw pas staat.',
	'login.card.label': 'Pasnummer',
	'login.card.empty': 'Nog geen nummer ingevoerd',
	'login.card.next': 'Volgende',
	'login.pin.title': 'Typ uw pincode',
	'login.pin.intro': 'Typ uw pincode en druk op OK.',
	'login.pin.label': 'Pincode',
	'login.pin.count.zero': 'Nog geen cijfers ingevoerd',
	'login.pin.count.one': '1 cijfer ingevoerd',
	'login.pin.count.other': '{count} cijfers ingevoerd',
	'login.pin.submit': 'OK',
	'login.pin.otherCard': 'Andere pas',
	'login.pin.help': 'Pincode vergeten? Vraag een medewerker bij de balie om hulp. U kunt ook zonder pincode inleveren.',
	'login.busy': 'Bezig met inloggen…',
	'login.tryAgain': 'Opnieuw proberen',
	'login.toStart': 'Terug naar het begin',
	'login.refusal.card-unknown': 'Deze pas kennen we niet. Controleer het nummer en probeer het opnieuw, of ga naar de balie.',
	'login.refusal.pin-wrong': 'De pincode klopt niet. Probeer het opnieuw.',
	'login.refusal.card-blocked': 'Met deze pas kunt u hier niet inloggen. Ga naar de balie; een medewerker helpt u verder.',
	'login.refusal.card-invalid': 'Dit is geen pasnummer. Scan de streepjescode op uw bibliotheekpas, of typ het nummer dat op de pas staat.',

	// Keypad
	'keypad.delete': 'Wissen',
	'keypad.label': 'Cijfers',

	// Scanning (borrow and return)
	'scan.manualOpen': 'Nummer typen',
	'scan.manualClose': 'Typen sluiten',
	'scan.manualLabel': 'Nummer van de streepjescode',
	'scan.manualEmpty': 'Nog geen nummer ingevoerd',
	'scan.manualSubmit': 'Toevoegen',
	'scan.busy': 'Bezig met {item}…',
	'scan.itemFallback': 'Item {item}',
	'scan.resultsLabel': 'Gescande items',
	'scan.systemMessage': 'Bericht van de bibliotheek: {message}',
	'scan.unreadable.title': 'Onleesbaar item',
	'scan.unreadable': 'Een item kon niet worden gelezen. Geef het aan een medewerker.',
	'scan.partsMissing.one': 'Deel {part} van {of} ontbreekt. Leg alle delen samen op de plaat.',
	'scan.partsMissing.other': 'Deel {parts} van {of} ontbreken. Leg alle delen samen op de plaat.',

	// RFID pad (borrow and return)
	'pad.progress.one': '{processed} van 1 item verwerkt',
	'pad.progress.other': '{processed} van {total} items verwerkt',
	'pad.offline': 'De RFID-plaat werkt nu niet. Scan de streepjescode van uw items.',

	// Borrow
	'borrow.pageTitle': 'Lenen',
	'borrow.greeting': 'Hallo {name}',
	'borrow.greetingNoName': 'Hallo',
	'borrow.prompt': 'Scan uw boeken en andere items één voor één.',
	'borrow.ok': 'Geleend',
	'borrow.renewed': 'Verlengd (u had dit al geleend)',
	'borrow.due': 'Terug op {date}',
	'borrow.notBorrowed': 'Niet geleend',
	'borrow.refusal.hold-for-other': 'Dit item is gereserveerd voor iemand anders. Geef het aan een medewerker.',
	'borrow.refusal.on-loan-to-other': 'Dit item staat nog op naam van iemand anders. Geef het aan een medewerker.',
	'borrow.refusal.unknown-item': 'Dit item kennen we niet. Geef het aan een medewerker.',
	'borrow.refusal.member-blocked': 'U kunt op dit moment niet lenen. Ga naar de balie.',
	'borrow.refusal.refused': 'Dit item kunt u hier niet lenen. Vraag een medewerker om hulp.',
	'borrow.refusal.parts-missing': 'Er ontbreekt een deel van deze set. Leg alle delen samen op de plaat.',
	'borrow.securityFailed': 'Laat dit item hier liggen: de beveiliging is niet uitgezet. Een medewerker komt eraan.',
	'borrow.block.fees': 'U hebt {amount} aan openstaande kosten. Betaal bij de balie om weer te lenen.',
	'borrow.block.feesNoAmount': 'U hebt openstaande kosten. Betaal bij de balie om weer te lenen.',
	'borrow.block.other': 'U kunt op dit moment niet lenen. Ga naar de balie. Inleveren en uw account bekijken kan wel.',
	'borrow.announce.ok': '{title}: geleend, terug op {date}',
	'borrow.announce.okNoDate': '{title}: geleend',
	'borrow.announce.refused': '{title}: niet geleend. {reason}',
	'borrow.toAccount': 'Mijn account',

	// Return
	'return.pageTitle': 'Inleveren',
	'return.title': 'Inleveren',
	'return.prompt': 'Scan de items die u terugbrengt één voor één.',
	'return.ok': 'Ingeleverd',
	'return.notReturned': 'Niet ingeleverd',
	'return.action.shelve': 'Leg het in de inleverkar.',
	'return.action.hold-shelf': 'Leg het op de reserveringsplank.',
	'return.action.transit': 'Leg het in de transportbak.',
	'return.action.transitTo': 'Leg het in de transportbak voor {destination}.',
	'return.action.staff': 'Geef het aan een medewerker.',
	'return.refusal.unknown-item': 'Dit item kennen we niet. Geef het aan een medewerker.',
	'return.refusal.refused': 'Dit item kan hier niet worden ingeleverd. Geef het aan een medewerker.',
	'return.refusal.parts-missing': 'Er ontbreekt een deel van deze set. Leg alle delen samen op de plaat.',
	'return.securityFailed': 'Laat dit item hier liggen: de beveiliging is niet aangezet. Een medewerker komt eraan.',
	'return.announce.ok': '{title}: ingeleverd. {action}',
	'return.announce.refused': '{title}: niet ingeleverd. {reason}',

	// Account
	'account.pageTitle': 'Mijn account',
	'account.title': 'Mijn account',
	'account.loans': 'Geleend',
	'account.loansEmpty': 'U hebt nu niets geleend.',
	'account.due': 'Terug op {date}',
	'account.overdue': 'Te laat',
	'account.overdueDue': 'Had terug moeten zijn op {date}',
	'account.renew': 'Verlengen',
	'account.renewAll': 'Alles verlengen',
	'account.renewBusy': 'Bezig met verlengen…',
	'account.renewed': 'Verlengd. Nu terug op {date}',
	'account.renewedNoDate': 'Verlengd.',
	'account.notRenewed': 'Niet verlengd',
	'account.renewSummary': '{ok} verlengd, {refused} niet verlengd',
	'account.holdsWaiting': 'Reserveringen die klaarliggen',
	'account.holdsWaitingEmpty': 'Er ligt niets voor u klaar.',
	'account.holdReadyAt': 'Ligt klaar in {place}',
	'account.holdReady': 'Ligt klaar',
	'account.holdsPending': 'Reserveringen',
	'account.holdsPendingEmpty': 'U hebt geen andere reserveringen.',
	'account.holdPending': 'Nog niet beschikbaar',
	'account.fees': 'Openstaande kosten',
	'account.feesEmpty': 'U hebt geen openstaande kosten.',
	'account.feesTotal': 'Totaal: {amount}',
	'account.feesPay': 'Betalen kan bij de balie.',
	'account.toBorrow': 'Verder lenen',
	'account.renewal.hold-for-other': 'Iemand anders heeft dit gereserveerd. Breng het op tijd terug.',
	'account.renewal.renewal-limit': 'U hebt dit al zo vaak verlengd als mag. Breng het op tijd terug.',
	'account.renewal.member-blocked': 'U kunt op dit moment niet verlengen. Ga naar de balie.',
	'account.renewal.refused': 'Dit item kan nu niet worden verlengd. Vraag een medewerker om hulp.',

	// Finish
	'finish.pageTitle': 'Bedankt',
	'finish.title': 'Bedankt!',
	'finish.body': 'U bent uitgelogd. U krijgt geen bon: uw inleverdatums staan altijd in uw account. Zo meteen begint het scherm opnieuw.',
	'finish.goodbye': 'Tot ziens!',
	'finish.toStart': 'Naar het begin',

	// Idle warning
	'idle.title': 'Bent u er nog?',
	'idle.body': 'U hebt een tijdje niets gedaan. Uw sessie stopt over {seconds} seconden.',
	'idle.bodyOne': 'U hebt een tijdje niets gedaan. Uw sessie stopt over 1 seconde.',
	'idle.stay': 'Ik ben er nog',

	// Technician page
	'technician.pageTitle': 'Technicus',
	'technician.title': 'Apparaten',
	'technician.login.title': 'Inloggen als technicus',
	'technician.login.password': 'Wachtwoord',
	'technician.login.submit': 'Inloggen',
	'technician.login.wrong': 'Dat wachtwoord klopt niet.',
	'technician.logout': 'Uitloggen',
	'technician.unavailable': 'De technicuspagina is op deze kiosk uitgeschakeld.',
	'technician.kind.rfid-pad': 'RFID-lezer',
	'technician.kind.scanner': 'Barcodescanner',
	'technician.kind.printer': 'Bonprinter',
	'technician.kind.payment': 'Betaalterminal',
	'technician.state.ready': 'Gereed',
	'technician.state.connecting': 'Verbinden',
	'technician.state.disconnected': 'Niet verbonden',
	'technician.state.busy': 'Bezig',
	'technician.state.not-configured': 'Niet ingesteld',
	'technician.state.keyboard': 'Toetsenbord (browser)',
	'technician.port': 'Poort',
	'technician.protocol': 'Protocol',
	'technician.state': 'Status',
	'technician.reason': 'Melding',
	'technician.simulated': 'Gesimuleerd',
	'technician.test.print': 'Testbon printen',
	'technician.test.payment': 'Testbetaling € 0,01',
	'technician.test.pad': 'Demo-item op de lezer leggen',
	'technician.test.running': 'Bezig…',
	'technician.result.printed': 'Bon geprint. Printer meldt: {condition}',
	'technician.result.printFailed': 'Printen mislukt: {problem}',
	'technician.result.payment': 'Resultaat: {outcome}. {detail}',
	'technician.result.statuses': 'Meldingen van de terminal',
	'technician.result.pad': 'Gelezen door de lezer',
	'technician.result.padNothing': 'De lezer las geen tag.',
	'technician.tag': 'UID {uid}, soort {kind}, nummer {id}, deel {part} van {of}, AFI {afi}',

	// Error page
	'errorPage.title': 'Dit scherm bestaat niet',
	'errorPage.body': 'Er ging iets mis. Begin opnieuw, of vraag een medewerker om hulp.',

	// Errors from the API
	'error.library-unavailable': 'Het bibliotheeksysteem is nu niet bereikbaar. Probeer het over een paar minuten opnieuw, of ga naar de balie.',
	'error.no-session': 'Uw sessie is gestopt. Begin opnieuw.',
	'error.bad-request': 'Dat lukte niet. Probeer het opnieuw.',
	'error.internal': 'Er ging iets mis. Probeer het opnieuw, of vraag een medewerker om hulp.'
} as const;

export type MessageKey = keyof typeof nl;
/** The shape every catalog must have: exactly the Dutch keys, each a string. */
export type Messages = { readonly [K in MessageKey]: string };
