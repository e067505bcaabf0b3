import type { PdfLanguage } from './shape.ts';

export type { PdfLanguage } from './shape.ts';

export const PDF_LANGUAGES: readonly PdfLanguage[] = ['en', 'hi', 'mr'];

/** Every fixed string the PDFs print, in English, Hindi and Marathi. */
interface Labels {
  readonly checkpoint: (origin: string, size: string, rootHex: string) => string;
  readonly page: (n: number, total: number) => string;
  readonly printed: string;
  readonly kind: string;
  readonly model: string;
  readonly state: string;
  readonly location: string;
  readonly district: string;
  readonly ac: string;
  readonly unitTitle: (serial: string) => string;
  readonly unitColumns: readonly [string, string, string, string, string];
  readonly unitEmpty: string;
  readonly stockTitle: (name: string, code: string) => string;
  readonly stockColumns: readonly [string, string, string, string];
  readonly stockEmpty: string;
  readonly stockTotal: string;
  readonly stocktakeTitle: (n: number, name: string, code: string) => string;
  readonly stocktakeColumns: readonly [string, string, string, string];
  readonly stocktakeEmpty: string;
  readonly stocktakeCounts: (c: { expected: string; found: string; missing: string; unexpected: string; elsewhere: string }) => string;
  readonly stocktakeStarted: string;
  readonly stocktakeClosed: string;
  readonly stocktakeOpen: string;
  readonly stocktakeOutcomes: Readonly<Record<'pending' | 'found' | 'missing' | 'unexpected' | 'elsewhere', string>>;
  readonly locationKinds: Readonly<Record<string, string>>;
  readonly logbookTitle: (name: string, code: string) => string;
  readonly logbookColumns: readonly [string, string, string, string, string, string];
  readonly logbookEmpty: string;
  readonly strongroomStatus: (open: boolean) => string;
  readonly keyHolders: string;
  readonly sessions: (count: string) => string;
  readonly lastSeals: string;
  readonly sealsWord: string;
  readonly witnessesWord: string;
  readonly labelsTitle: (name: string, code: string) => string;
  readonly labelsMeta: (count: string) => string;
  readonly labelsEmpty: string;
}

const LABELS: Readonly<Record<PdfLanguage, Labels>> = {
  en: {
    checkpoint: (origin, size, root) => `Made from custody log ${origin} at size ${size}, root ${root}`,
    page: (n, total) => `Page ${n} of ${total}`,
    printed: 'Printed',
    kind: 'Kind', model: 'Model', state: 'State', location: 'Location', district: 'District', ac: 'AC',
    unitTitle: (serial) => `Custody history of unit ${serial}`,
    unitColumns: ['#', 'Time (IST)', 'Event', 'Actor', 'From › To'],
    unitEmpty: 'The custody log has no entries for this unit.',
    stockTitle: (name, code) => `Stock list: ${name} (${code})`,
    stockColumns: ['Kind', 'Serial', 'Model', 'State'],
    stockEmpty: 'No units are at this location.',
    stockTotal: 'Units here',
    stocktakeTitle: (n, name, code) => `Stocktake ${n}: ${name} (${code})`,
    stocktakeColumns: ['Serial', 'Outcome', 'Recorded at', 'Scanned by'],
    stocktakeEmpty: 'Nothing was expected and nothing was scanned.',
    stocktakeCounts: (c) => `Expected ${c.expected} · found ${c.found} · missing ${c.missing} · unexpected ${c.unexpected} · belongs elsewhere ${c.elsewhere}`,
    stocktakeStarted: 'Started', stocktakeClosed: 'Closed', stocktakeOpen: 'Still open: the missing are those not yet found',
    stocktakeOutcomes: { pending: 'Not yet found', found: 'Found', missing: 'Missing', unexpected: 'Unexpected (not in this district)', elsewhere: 'Belongs elsewhere' },
    logbookTitle: (name, code) => `Logbook: ${name} (${code})`,
    logbookColumns: ['#', 'Time (IST)', 'Entry', 'By', 'From › To', 'Seals, witnesses, remarks'],
    logbookEmpty: 'The custody log has no entries for this place.',
    strongroomStatus: (open) => (open ? 'Strongroom status: OPEN (a session is open)' : 'Strongroom status: SEALED'),
    keyHolders: 'Key-holders',
    sessions: (count) => `Sessions recorded: ${count}`,
    lastSeals: 'Seals applied at the last close',
    sealsWord: 'Seals', witnessesWord: 'Witnesses',
    labelsTitle: (name, code) => `QR labels: ${name} (${code}) and the places in it`,
    labelsMeta: (count) => `${count} labels. Cut along the grey lines; each QR code holds the place's code.`,
    labelsEmpty: 'No places to label.',
    locationKinds: {
      warehouse: 'Warehouse', strongroom: 'Strongroom', flc_hall: 'FLC hall', commissioning_hall: 'Commissioning hall',
      distribution_centre: 'Distribution centre', receiving_centre: 'Receiving centre', counting_hall: 'Counting hall',
      polling_station: 'Polling station', vehicle: 'Vehicle', manufacturer: 'Manufacturer', repair_room: 'Repair room',
    },
  },
  hi: {
    checkpoint: (origin, size, root) => `अभिरक्षा लॉग ${origin} के आकार ${size} से बनाया गया, रूट ${root}`,
    page: (n, total) => `पृष्ठ ${n} / ${total}`,
    printed: 'मुद्रित',
    kind: 'प्रकार', model: 'मॉडल', state: 'स्थिति', location: 'स्थान', district: 'ज़िला', ac: 'विधानसभा क्षेत्र',
    unitTitle: (serial) => `यूनिट ${serial} का अभिरक्षा इतिहास`,
    unitColumns: ['#', 'समय (IST)', 'घटना', 'कर्ता', 'कहाँ से › कहाँ'],
    unitEmpty: 'अभिरक्षा लॉग में इस यूनिट की कोई प्रविष्टि नहीं है।',
    stockTitle: (name, code) => `स्टॉक सूची: ${name} (${code})`,
    stockColumns: ['प्रकार', 'क्रम संख्या', 'मॉडल', 'स्थिति'],
    stockEmpty: 'इस स्थान पर कोई यूनिट नहीं है।',
    stockTotal: 'यहाँ यूनिट',
    stocktakeTitle: (n, name, code) => `भौतिक सत्यापन ${n}: ${name} (${code})`,
    stocktakeColumns: ['क्रम संख्या', 'परिणाम', 'दर्ज स्थान', 'स्कैन किया'],
    stocktakeEmpty: 'न कुछ अपेक्षित था, न कुछ स्कैन हुआ।',
    stocktakeCounts: (c) => `अपेक्षित ${c.expected} · मिली ${c.found} · गायब ${c.missing} · अनपेक्षित ${c.unexpected} · कहीं और की ${c.elsewhere}`,
    stocktakeStarted: 'शुरू', stocktakeClosed: 'बंद', stocktakeOpen: 'अभी खुला: गायब वे हैं जो अभी नहीं मिलीं',
    stocktakeOutcomes: { pending: 'अभी नहीं मिली', found: 'मिली', missing: 'गायब', unexpected: 'अनपेक्षित (इस ज़िले की नहीं)', elsewhere: 'कहीं और की' },
    logbookTitle: (name, code) => `लॉगबुक: ${name} (${code})`,
    logbookColumns: ['#', 'समय (IST)', 'प्रविष्टि', 'द्वारा', 'कहाँ से › कहाँ', 'सील, साक्षी, टिप्पणी'],
    logbookEmpty: 'अभिरक्षा लॉग में इस स्थान की कोई प्रविष्टि नहीं है।',
    strongroomStatus: (open) => (open ? 'स्ट्रांग रूम की स्थिति: खुला (सत्र चल रहा है)' : 'स्ट्रांग रूम की स्थिति: सीलबंद'),
    keyHolders: 'चाबीधारक',
    sessions: (count) => `दर्ज सत्र: ${count}`,
    lastSeals: 'पिछली बार बंद करते समय लगाई गई सीलें',
    sealsWord: 'सील', witnessesWord: 'साक्षी',
    labelsTitle: (name, code) => `क्यूआर लेबल: ${name} (${code}) और उसके भीतर के स्थान`,
    labelsMeta: (count) => `${count} लेबल। धूसर रेखाओं पर काटें; हर क्यूआर कोड में स्थान का कोड है।`,
    labelsEmpty: 'लेबल के लिए कोई स्थान नहीं।',
    locationKinds: {
      warehouse: 'गोदाम', strongroom: 'स्ट्रांग रूम', flc_hall: 'एफएलसी हॉल', commissioning_hall: 'कमीशनिंग हॉल',
      distribution_centre: 'वितरण केंद्र', receiving_centre: 'संग्रहण केंद्र', counting_hall: 'मतगणना हॉल',
      polling_station: 'मतदान केंद्र', vehicle: 'वाहन', manufacturer: 'निर्माता', repair_room: 'मरम्मत कक्ष',
    },
  },
  mr: {
    checkpoint: (origin, size, root) => `ताबा नोंदवही ${origin} च्या आकार ${size} वरून तयार, रूट ${root}`,
    page: (n, total) => `पृष्ठ ${n} / ${total}`,
    printed: 'मुद्रित',
    kind: 'प्रकार', model: 'मॉडेल', state: 'स्थिती', location: 'ठिकाण', district: 'जिल्हा', ac: 'विधानसभा मतदारसंघ',
    unitTitle: (serial) => `युनिट ${serial} चा ताबा इतिहास`,
    unitColumns: ['#', 'वेळ (IST)', 'घटना', 'कर्ता', 'कोठून › कोठे'],
    unitEmpty: 'ताबा नोंदवहीत या युनिटची कोणतीही नोंद नाही.',
    stockTitle: (name, code) => `साठा यादी: ${name} (${code})`,
    stockColumns: ['प्रकार', 'अनुक्रमांक', 'मॉडेल', 'स्थिती'],
    stockEmpty: 'या ठिकाणी कोणतेही युनिट नाही.',
    stockTotal: 'येथील युनिट',
    stocktakeTitle: (n, name, code) => `प्रत्यक्ष पडताळणी ${n}: ${name} (${code})`,
    stocktakeColumns: ['अनुक्रमांक', 'निकाल', 'नोंदलेले ठिकाण', 'स्कॅन केले'],
    stocktakeEmpty: 'काहीही अपेक्षित नव्हते आणि काहीही स्कॅन झाले नाही.',
    stocktakeCounts: (c) => `अपेक्षित ${c.expected} · सापडले ${c.found} · गहाळ ${c.missing} · अनपेक्षित ${c.unexpected} · दुसरीकडचे ${c.elsewhere}`,
    stocktakeStarted: 'सुरुवात', stocktakeClosed: 'बंद', stocktakeOpen: 'अजून सुरू: गहाळ म्हणजे अजून न सापडलेली',
    stocktakeOutcomes: { pending: 'अजून सापडले नाही', found: 'सापडले', missing: 'गहाळ', unexpected: 'अनपेक्षित (या जिल्ह्याचे नाही)', elsewhere: 'दुसरीकडचे' },
    logbookTitle: (name, code) => `लॉगबुक: ${name} (${code})`,
    logbookColumns: ['#', 'वेळ (IST)', 'नोंद', 'द्वारे', 'कोठून › कोठे', 'सील, साक्षीदार, शेरा'],
    logbookEmpty: 'ताबा नोंदवहीत या ठिकाणाची कोणतीही नोंद नाही.',
    strongroomStatus: (open) => (open ? 'स्ट्रॉंग रूमची स्थिती: उघडे (सत्र सुरू आहे)' : 'स्ट्रॉंग रूमची स्थिती: सीलबंद'),
    keyHolders: 'चावीधारक',
    sessions: (count) => `नोंदवलेली सत्रे: ${count}`,
    lastSeals: 'मागच्या वेळी बंद करताना लावलेले सील',
    sealsWord: 'सील', witnessesWord: 'साक्षीदार',
    labelsTitle: (name, code) => `क्यूआर लेबल: ${name} (${code}) आणि त्यातील ठिकाणे`,
    labelsMeta: (count) => `${count} लेबल. करड्या रेषांवर कापा; प्रत्येक क्यूआर कोडमध्ये ठिकाणाचा कोड आहे.`,
    labelsEmpty: 'लेबलसाठी कोणतेही ठिकाण नाही.',
    locationKinds: {
      warehouse: 'गोदाम', strongroom: 'स्ट्रॉंग रूम', flc_hall: 'एफएलसी हॉल', commissioning_hall: 'कमिशनिंग हॉल',
      distribution_centre: 'वितरण केंद्र', receiving_centre: 'स्वीकृती केंद्र', counting_hall: 'मतमोजणी हॉल',
      polling_station: 'मतदान केंद्र', vehicle: 'वाहन', manufacturer: 'उत्पादक', repair_room: 'दुरुस्ती कक्ष',
    },
  },
};

export function labels(language: PdfLanguage): Labels {
  return LABELS[language];
}

/** Numbers with Indian grouping (1,23,456). */
export function formatCount(n: number): string {
  return new Intl.NumberFormat('en-IN').format(n);
}

/** The footer line tying a printed page to the district log. */
export function checkpointLine(language: PdfLanguage, checkpoint: { origin: string; size: number; rootHex: string }): string {
  return LABELS[language].checkpoint(checkpoint.origin, formatCount(checkpoint.size), checkpoint.rootHex);
}

export function pageLabel(language: PdfLanguage, n: number, total: number): string {
  return LABELS[language].page(n, total);
}

/** '2029-02-10T11:00:00+05:30' (EVMLOG/1 ts, already IST) becomes '10-02-2029 11:00'. */
export function formatIstTime(ts: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(ts);
  return match ? `${match[3]}-${match[2]}-${match[1]} ${match[4]}:${match[5]}` : ts;
}
