import type { UnitEvent, UnitKind, UnitState } from '@evmtrail/shared';

import type { PdfLanguage } from './shape.ts';

/*
 * Names of unit kinds, states and lifecycle events as the PDFs print them. The Hindi follows the
 * web app's wording; the web's i18n is separate, these are the api's own strings.
 */

type Names<K extends string> = Readonly<Record<PdfLanguage, Readonly<Record<K, string>>>>;

export const KIND_NAMES: Names<UnitKind> = {
  en: { BU: 'Ballot Unit', CU: 'Control Unit', VVPAT: 'VVPAT' },
  hi: { BU: 'बैलेट यूनिट', CU: 'कंट्रोल यूनिट', VVPAT: 'वीवीपैट' },
  mr: { BU: 'बॅलेट युनिट', CU: 'कंट्रोल युनिट', VVPAT: 'व्हीव्हीपॅट' },
};

export const STATE_NAMES: Names<UnitState> = {
  en: {
    manufactured: 'Manufactured', in_transit: 'In transit', in_warehouse: 'In warehouse', flc_in_progress: 'FLC in progress',
    flc_ok: 'FLC passed', flc_rejected: 'FLC rejected', at_factory_repair: 'At factory for repair',
    allocated_poll: 'Allocated for poll', allocated_training: 'Allocated for training', in_ac_strongroom: 'In AC strongroom',
    assigned_ps: 'Assigned to polling station', ac_reserve: 'AC reserve', commissioned: 'Commissioned',
    commissioning_failed: 'Failed at commissioning', issued_to_polling_party: 'Issued to polling party',
    with_sector_officer: 'With sector officer', mock_poll_ok: 'Mock poll passed', failed_mock_poll: 'Failed mock poll',
    in_poll: 'In poll', failed_in_poll: 'Failed during poll', poll_closed_sealed: 'Poll closed and sealed',
    reserve_returned: 'Reserve returned', in_polled_strongroom: 'In polled-units strongroom', at_counting_table: 'At counting table',
    counted: 'Counted', ep_window: 'Election-petition window', ep_hold: 'Election-petition hold',
    cv_selected: 'Selected for checking and verification', cv_done: 'Checking and verification done', released: 'Released',
    condemned: 'Condemned', destroyed: 'Destroyed', missing: 'Missing', damaged: 'Damaged',
  },
  hi: {
    manufactured: 'निर्मित', in_transit: 'परिवहन में', in_warehouse: 'गोदाम में', flc_in_progress: 'एफएलसी जारी',
    flc_ok: 'एफएलसी में सफल', flc_rejected: 'एफएलसी में अस्वीकृत', at_factory_repair: 'मरम्मत हेतु कारखाने में',
    allocated_poll: 'मतदान हेतु आवंटित', allocated_training: 'प्रशिक्षण हेतु आवंटित', in_ac_strongroom: 'विधानसभा क्षेत्र के स्ट्रांग रूम में',
    assigned_ps: 'मतदान केंद्र को आवंटित', ac_reserve: 'विधानसभा क्षेत्र रिज़र्व', commissioned: 'कमीशन की गई',
    commissioning_failed: 'कमीशनिंग में विफल', issued_to_polling_party: 'मतदान दल को सौंपी गई',
    with_sector_officer: 'सेक्टर अधिकारी के पास', mock_poll_ok: 'मॉक पोल में सफल', failed_mock_poll: 'मॉक पोल में विफल',
    in_poll: 'मतदान में', failed_in_poll: 'मतदान के दौरान विफल', poll_closed_sealed: 'मतदान समाप्त व सीलबंद',
    reserve_returned: 'रिज़र्व वापस', in_polled_strongroom: 'मतदान-पश्चात स्ट्रांग रूम में', at_counting_table: 'मतगणना टेबल पर',
    counted: 'मतगणना पूर्ण', ep_window: 'चुनाव याचिका अवधि में', ep_hold: 'चुनाव याचिका के कारण रोकी गई',
    cv_selected: 'जाँच एवं सत्यापन हेतु चयनित', cv_done: 'जाँच एवं सत्यापन पूर्ण', released: 'मुक्त की गई',
    condemned: 'निष्प्रयोज्य घोषित', destroyed: 'नष्ट की गई', missing: 'लापता', damaged: 'क्षतिग्रस्त',
  },
  mr: {
    manufactured: 'उत्पादित', in_transit: 'वाहतुकीत', in_warehouse: 'गोदामात', flc_in_progress: 'एफएलसी सुरू',
    flc_ok: 'एफएलसीमध्ये उत्तीर्ण', flc_rejected: 'एफएलसीमध्ये नाकारले', at_factory_repair: 'दुरुस्तीसाठी कारखान्यात',
    allocated_poll: 'मतदानासाठी वाटप', allocated_training: 'प्रशिक्षणासाठी वाटप', in_ac_strongroom: 'विधानसभा मतदारसंघाच्या स्ट्रॉंग रूममध्ये',
    assigned_ps: 'मतदान केंद्राला वाटप', ac_reserve: 'विधानसभा मतदारसंघ राखीव', commissioned: 'कमिशन केले',
    commissioning_failed: 'कमिशनिंगमध्ये अयशस्वी', issued_to_polling_party: 'मतदान पथकाकडे सुपूर्द',
    with_sector_officer: 'क्षेत्रीय अधिकाऱ्याकडे', mock_poll_ok: 'मॉक पोलमध्ये उत्तीर्ण', failed_mock_poll: 'मॉक पोलमध्ये अयशस्वी',
    in_poll: 'मतदानात', failed_in_poll: 'मतदानादरम्यान अयशस्वी', poll_closed_sealed: 'मतदान संपले व मोहरबंद',
    reserve_returned: 'राखीव परत', in_polled_strongroom: 'मतदानानंतरच्या स्ट्रॉंग रूममध्ये', at_counting_table: 'मतमोजणी टेबलवर',
    counted: 'मतमोजणी पूर्ण', ep_window: 'निवडणूक याचिका कालावधीत', ep_hold: 'निवडणूक याचिकेमुळे रोखले',
    cv_selected: 'तपासणी व पडताळणीसाठी निवडले', cv_done: 'तपासणी व पडताळणी पूर्ण', released: 'मुक्त केले',
    condemned: 'निरुपयोगी घोषित', destroyed: 'नष्ट केले', missing: 'हरवले', damaged: 'खराब झाले',
  },
};

export const EVENT_NAMES: Names<UnitEvent> = {
  en: {
    dispatch_from_factory: 'Dispatched from factory', dispatch: 'Dispatched', receive: 'Received', start_flc: 'FLC started',
    pass_flc: 'Passed FLC', fail_flc: 'Failed FLC', send_for_repair: 'Sent for repair', return_from_repair: 'Returned from repair',
    allocate_poll: 'Allocated for poll (first randomisation)', allocate_training: 'Allocated for training',
    dispatch_to_ac: 'Sent to the AC strongroom (allocation kept)',
    receive_at_ac_strongroom: 'Received at AC strongroom', assign_ps: 'Assigned to polling station (second randomisation)',
    assign_reserve: 'Kept as reserve', commission: 'Commissioned', fail_commissioning: 'Failed at commissioning',
    issue_to_party: 'Issued to polling party', issue_to_sector_officer: 'Issued to sector officer',
    issue_replacement: 'Issued as replacement', replace_vvpat_in_poll: 'VVPAT replaced during poll', pass_mock_poll: 'Passed mock poll',
    fail_mock_poll: 'Failed mock poll', start_poll: 'Poll started', fail_in_poll: 'Failed during poll', close_poll: 'Poll closed',
    return_reserve: 'Reserve returned', receive_polled: 'Received after poll', take_to_counting: 'Taken to counting',
    count: 'Counted', store_after_count: 'Stored after counting', mark_ep_hold: 'Election-petition hold marked',
    select_cv: 'Selected for checking and verification', complete_cv: 'Checking and verification completed', release: 'Released',
    return_to_warehouse: 'Returned to warehouse', condemn: 'Condemned', destroy: 'Destroyed', report_missing: 'Reported missing',
    report_damaged: 'Reported damaged', recover: 'Recovered',
  },
  hi: {
    dispatch_from_factory: 'कारखाने से रवाना', dispatch: 'रवाना की गई', receive: 'प्राप्त की गई', start_flc: 'एफएलसी शुरू',
    pass_flc: 'एफएलसी में सफल', fail_flc: 'एफएलसी में विफल', send_for_repair: 'मरम्मत हेतु भेजी गई', return_from_repair: 'मरम्मत से वापस आई',
    allocate_poll: 'मतदान हेतु आवंटित (प्रथम रैंडमाइज़ेशन)', allocate_training: 'प्रशिक्षण हेतु आवंटित',
    dispatch_to_ac: 'विधानसभा क्षेत्र स्ट्रांग रूम को भेजा गया (आवंटन यथावत)',
    receive_at_ac_strongroom: 'विधानसभा क्षेत्र के स्ट्रांग रूम में प्राप्त', assign_ps: 'मतदान केंद्र को आवंटित (द्वितीय रैंडमाइज़ेशन)',
    assign_reserve: 'रिज़र्व में रखी गई', commission: 'कमीशन की गई', fail_commissioning: 'कमीशनिंग में विफल',
    issue_to_party: 'मतदान दल को सौंपी गई', issue_to_sector_officer: 'सेक्टर अधिकारी को सौंपी गई',
    issue_replacement: 'प्रतिस्थापन हेतु सौंपी गई', replace_vvpat_in_poll: 'मतदान के दौरान वीवीपैट बदली गई', pass_mock_poll: 'मॉक पोल में सफल',
    fail_mock_poll: 'मॉक पोल में विफल', start_poll: 'मतदान शुरू', fail_in_poll: 'मतदान के दौरान विफल', close_poll: 'मतदान समाप्त',
    return_reserve: 'रिज़र्व वापस की गई', receive_polled: 'मतदान के बाद प्राप्त', take_to_counting: 'मतगणना हेतु ले जाई गई',
    count: 'मतगणना हुई', store_after_count: 'मतगणना के बाद भंडारित', mark_ep_hold: 'चुनाव याचिका रोक लगाई गई',
    select_cv: 'जाँच एवं सत्यापन हेतु चयनित', complete_cv: 'जाँच एवं सत्यापन पूर्ण', release: 'मुक्त की गई',
    return_to_warehouse: 'गोदाम में वापस', condemn: 'निष्प्रयोज्य घोषित', destroy: 'नष्ट की गई', report_missing: 'लापता सूचित',
    report_damaged: 'क्षतिग्रस्त सूचित', recover: 'पुनः प्राप्त',
  },
  mr: {
    dispatch_from_factory: 'कारखान्यातून रवाना', dispatch: 'रवाना केले', receive: 'प्राप्त केले', start_flc: 'एफएलसी सुरू',
    pass_flc: 'एफएलसीमध्ये उत्तीर्ण', fail_flc: 'एफएलसीमध्ये अयशस्वी', send_for_repair: 'दुरुस्तीसाठी पाठवले', return_from_repair: 'दुरुस्तीहून परत',
    allocate_poll: 'मतदानासाठी वाटप (पहिले यादृच्छिकीकरण)', allocate_training: 'प्रशिक्षणासाठी वाटप',
    dispatch_to_ac: 'विधानसभा मतदारसंघ स्ट्रॉंग रूमकडे पाठवले (वाटप कायम)',
    receive_at_ac_strongroom: 'विधानसभा मतदारसंघाच्या स्ट्रॉंग रूममध्ये प्राप्त', assign_ps: 'मतदान केंद्राला वाटप (दुसरे यादृच्छिकीकरण)',
    assign_reserve: 'राखीव ठेवले', commission: 'कमिशन केले', fail_commissioning: 'कमिशनिंगमध्ये अयशस्वी',
    issue_to_party: 'मतदान पथकाकडे सुपूर्द', issue_to_sector_officer: 'क्षेत्रीय अधिकाऱ्याकडे सुपूर्द',
    issue_replacement: 'बदली म्हणून सुपूर्द', replace_vvpat_in_poll: 'मतदानादरम्यान व्हीव्हीपॅट बदलले', pass_mock_poll: 'मॉक पोलमध्ये उत्तीर्ण',
    fail_mock_poll: 'मॉक पोलमध्ये अयशस्वी', start_poll: 'मतदान सुरू', fail_in_poll: 'मतदानादरम्यान अयशस्वी', close_poll: 'मतदान संपले',
    return_reserve: 'राखीव परत केले', receive_polled: 'मतदानानंतर प्राप्त', take_to_counting: 'मतमोजणीसाठी नेले',
    count: 'मतमोजणी झाली', store_after_count: 'मतमोजणीनंतर साठवले', mark_ep_hold: 'निवडणूक याचिकेची रोक नोंदवली',
    select_cv: 'तपासणी व पडताळणीसाठी निवडले', complete_cv: 'तपासणी व पडताळणी पूर्ण', release: 'मुक्त केले',
    return_to_warehouse: 'गोदामात परत', condemn: 'निरुपयोगी घोषित', destroy: 'नष्ट केले', report_missing: 'हरवल्याची नोंद',
    report_damaged: 'खराब झाल्याची नोंद', recover: 'परत मिळाले',
  },
};

function lookup<K extends string>(names: Names<K>, language: PdfLanguage, key: string): string {
  return (names[language] as Readonly<Record<string, string>>)[key] ?? key;
}

export const kindName = (language: PdfLanguage, kind: string) => lookup(KIND_NAMES, language, kind);
export const stateName = (language: PdfLanguage, state: string) => lookup(STATE_NAMES, language, state);
export const eventName = (language: PdfLanguage, event: string) => lookup(EVENT_NAMES, language, event);

/** Names of custody-log entry types that are not unit events (strongroom sessions). */
const ENTRY_TYPE_NAMES: Readonly<Record<PdfLanguage, Readonly<Record<string, string>>>> = {
  en: { STRONGROOM_OPEN: 'Strongroom opened', STRONGROOM_CLOSE: 'Strongroom closed and sealed', STRONGROOM_KEYS: 'Key-holders recorded' },
  hi: { STRONGROOM_OPEN: 'स्ट्रांग रूम खोला गया', STRONGROOM_CLOSE: 'स्ट्रांग रूम बंद व सीलबंद', STRONGROOM_KEYS: 'चाबीधारक दर्ज' },
  mr: { STRONGROOM_OPEN: 'स्ट्रॉंग रूम उघडले', STRONGROOM_CLOSE: 'स्ट्रॉंग रूम बंद व सीलबंद', STRONGROOM_KEYS: 'चावीधारक नोंदवले' },
};

/** What an entry records: its lifecycle event's name, else its type's, else the type. */
export function entryName(language: PdfLanguage, entry: { readonly type: string; readonly event?: string | null }): string {
  if (entry.event) return eventName(language, entry.event);
  return ENTRY_TYPE_NAMES[language][entry.type] ?? entry.type;
}
