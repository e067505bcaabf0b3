import type { AcSpec, DistrictSpec, Locality } from './place-types.ts';

/*
 * The demo district: Pune, Maharashtra.
 *
 * Real: the state, the district, the four parliamentary constituencies that touch it, the 21
 * assembly constituencies (numbers, names, reservation, PC) and the locality names.
 * Approximate: centres (the AC's main town or area), spread radii and elector counts (round
 * figures in the range of the 2024 rolls, not official numbers).
 */

export const MAHARASHTRA = { code: 'MH', name: 'Maharashtra', nameHi: 'महाराष्ट्र' } as const;

function loc(name: string, nameHi: string): Locality {
  return { name, nameHi };
}

const PUNE_ACS: readonly AcSpec[] = [
  {
    number: 195, name: 'Junnar', nameHi: 'जुन्नर', reservation: 'GEN', pcNumber: 36,
    lat: 19.19, lon: 73.875, radiusKm: 20, electors: 318_000, civicBody: 'zp',
    localities: [loc('Junnar', 'जुन्नर'), loc('Narayangaon', 'नारायणगांव'), loc('Otur', 'ओतूर'), loc('Alephata', 'आळेफाटा'), loc('Ozar', 'ओझर'), loc('Belhe', 'बेल्हे')],
  },
  {
    number: 196, name: 'Ambegaon', nameHi: 'आंबेगांव', reservation: 'GEN', pcNumber: 36,
    lat: 19.03, lon: 73.82, radiusKm: 18, electors: 302_000, civicBody: 'zp',
    localities: [loc('Manchar', 'मंचर'), loc('Ghodegaon', 'घोडेगांव'), loc('Avasari', 'अवसरी'), loc('Kalamb', 'कळंब'), loc('Pargaon', 'पारगांव'), loc('Dimbhe', 'डिंभे')],
  },
  {
    number: 197, name: 'Khed Alandi', nameHi: 'खेड आळंदी', reservation: 'GEN', pcNumber: 36,
    lat: 18.86, lon: 73.885, radiusKm: 16, electors: 368_000, civicBody: 'zp',
    localities: [loc('Rajgurunagar', 'राजगुरुनगर'), loc('Alandi', 'आळंदी'), loc('Chakan', 'चाकण'), loc('Kadus', 'कडूस'), loc('Pait', 'पाईट'), loc('Wada', 'वाडा')],
  },
  {
    number: 198, name: 'Shirur', nameHi: 'शिरूर', reservation: 'GEN', pcNumber: 36,
    lat: 18.8, lon: 74.25, radiusKm: 20, electors: 452_000, civicBody: 'zp',
    localities: [loc('Shirur', 'शिरूर'), loc('Shikrapur', 'शिक्रापुर'), loc('Ranjangaon', 'रांजणगांव'), loc('Talegaon Dhamdhere', 'तळेगांव ढमढेरे'), loc('Wagholi', 'वाघोली'), loc('Koregaon Bhima', 'कोरेगांव भीमा')],
  },
  {
    number: 199, name: 'Daund', nameHi: 'दौंड', reservation: 'GEN', pcNumber: 35,
    lat: 18.46, lon: 74.45, radiusKm: 18, electors: 318_000, civicBody: 'zp',
    localities: [loc('Daund', 'दौंड'), loc('Kedgaon', 'केडगांव'), loc('Patas', 'पाटस'), loc('Yavat', 'यवत'), loc('Varvand', 'वरवंड'), loc('Rahu', 'राहू')],
  },
  {
    number: 200, name: 'Indapur', nameHi: 'इंदापुर', reservation: 'GEN', pcNumber: 35,
    lat: 18.14, lon: 74.88, radiusKm: 18, electors: 342_000, civicBody: 'zp',
    localities: [loc('Indapur', 'इंदापुर'), loc('Bhigwan', 'भिगवण'), loc('Walchandnagar', 'वालचंदनगर'), loc('Nimgaon Ketki', 'निमगांव केतकी'), loc('Bawada', 'बावडा'), loc('Kalas', 'कळस')],
  },
  {
    number: 201, name: 'Baramati', nameHi: 'बारामती', reservation: 'GEN', pcNumber: 35,
    lat: 18.16, lon: 74.55, radiusKm: 18, electors: 384_000, civicBody: 'zp',
    localities: [loc('Baramati', 'बारामती'), loc('Malegaon Budruk', 'माळेगांव बुद्रुक'), loc('Supe', 'सुपे'), loc('Vadgaon Nimbalkar', 'वडगांव निंबाळकर'), loc('Morgaon', 'मोरगांव'), loc('Pandare', 'पणदरे')],
  },
  {
    number: 202, name: 'Purandar', nameHi: 'पुरंदर', reservation: 'GEN', pcNumber: 35,
    lat: 18.35, lon: 74.05, radiusKm: 15, electors: 446_000, civicBody: 'zp',
    localities: [loc('Saswad', 'सासवड'), loc('Jejuri', 'जेजुरी'), loc('Nira', 'नीरा'), loc('Fursungi', 'फुरसुंगी'), loc('Dive', 'दिवे'), loc('Walhe', 'वाल्हे')],
  },
  {
    number: 203, name: 'Bhor', nameHi: 'भोर', reservation: 'GEN', pcNumber: 35,
    lat: 18.2, lon: 73.75, radiusKm: 22, electors: 428_000, civicBody: 'zp',
    localities: [loc('Bhor', 'भोर'), loc('Velhe', 'वेल्हे'), loc('Paud', 'पौड'), loc('Nasrapur', 'नसरापुर'), loc('Pirangut', 'पिरंगुट'), loc('Kikvi', 'किकवी')],
  },
  {
    number: 204, name: 'Maval', nameHi: 'मावल', reservation: 'GEN', pcNumber: 33,
    lat: 18.74, lon: 73.62, radiusKm: 18, electors: 392_000, civicBody: 'zp',
    localities: [loc('Talegaon Dabhade', 'तळेगांव दाभाडे'), loc('Vadgaon Maval', 'वडगांव मावल'), loc('Lonavala', 'लोनावला'), loc('Kamshet', 'कामशेत'), loc('Dehu Road', 'देहू रोड'), loc('Induri', 'इंदुरी')],
  },
  {
    number: 205, name: 'Chinchwad', nameHi: 'चिंचवड', reservation: 'GEN', pcNumber: 33,
    lat: 18.615, lon: 73.775, radiusKm: 4.5, electors: 672_000, civicBody: 'pcmc',
    localities: [loc('Chinchwad Gaon', 'चिंचवड गांव'), loc('Wakad', 'वाकड'), loc('Pimple Saudagar', 'पिंपळे सौदागर'), loc('Ravet', 'रावेत'), loc('Thergaon', 'थेरगांव'), loc('Punawale', 'पुनावळे')],
  },
  {
    number: 206, name: 'Pimpri', nameHi: 'पिंपरी', reservation: 'SC', pcNumber: 33,
    lat: 18.625, lon: 73.805, radiusKm: 3, electors: 392_000, civicBody: 'pcmc',
    localities: [loc('Pimpri Camp', 'पिंपरी कैंप'), loc('Sant Tukaram Nagar', 'संत तुकाराम नगर'), loc('Kasarwadi', 'कासारवाडी'), loc('Dapodi', 'दापोडी'), loc('Morwadi', 'मोरवाडी'), loc('Nehru Nagar', 'नेहरू नगर')],
  },
  {
    number: 207, name: 'Bhosari', nameHi: 'भोसरी', reservation: 'GEN', pcNumber: 36,
    lat: 18.645, lon: 73.855, radiusKm: 4, electors: 604_000, civicBody: 'pcmc',
    localities: [loc('Bhosari', 'भोसरी'), loc('Moshi', 'मोशी'), loc('Chikhali', 'चिखली'), loc('Indrayani Nagar', 'इंद्रायणी नगर'), loc('Dighi', 'दिघी'), loc('Charholi', 'चऱ्होली')],
  },
  {
    number: 208, name: 'Vadgaon Sheri', nameHi: 'वडगांव शेरी', reservation: 'GEN', pcNumber: 34,
    lat: 18.56, lon: 73.915, radiusKm: 4, electors: 502_000, civicBody: 'pmc',
    localities: [loc('Vadgaon Sheri', 'वडगांव शेरी'), loc('Kharadi', 'खराडी'), loc('Viman Nagar', 'विमान नगर'), loc('Yerawada', 'येरवडा'), loc('Lohegaon', 'लोहगांव'), loc('Dhanori', 'धानोरी')],
  },
  {
    number: 209, name: 'Shivajinagar', nameHi: 'शिवाजीनगर', reservation: 'GEN', pcNumber: 34,
    lat: 18.535, lon: 73.835, radiusKm: 3, electors: 292_000, civicBody: 'pmc',
    localities: [loc('Shivajinagar', 'शिवाजीनगर'), loc('Model Colony', 'मॉडल कॉलोनी'), loc('Gokhalenagar', 'गोखलेनगर'), loc('Aundh', 'औंध'), loc('Bopodi', 'बोपोडी'), loc('Khadki', 'खडकी')],
  },
  {
    number: 210, name: 'Kothrud', nameHi: 'कोथरूड', reservation: 'GEN', pcNumber: 34,
    lat: 18.505, lon: 73.81, radiusKm: 3, electors: 432_000, civicBody: 'pmc',
    localities: [loc('Kothrud', 'कोथरूड'), loc('Karve Nagar', 'कर्वे नगर'), loc('Erandwane', 'एरंडवणे'), loc('Bavdhan', 'बावधन'), loc('Shivtirth Nagar', 'शिवतीर्थ नगर'), loc('Ideal Colony', 'आइडियल कॉलोनी')],
  },
  {
    number: 211, name: 'Khadakwasla', nameHi: 'खडकवासला', reservation: 'GEN', pcNumber: 35,
    lat: 18.45, lon: 73.8, radiusKm: 7, electors: 572_000, civicBody: 'pmc',
    localities: [loc('Warje', 'वारजे'), loc('Dhayari', 'धायरी'), loc('Narhe', 'नऱ्हे'), loc('Vadgaon Budruk', 'वडगांव बुद्रुक'), loc('Khadakwasla', 'खडकवासला'), loc('Kirkatwadi', 'किरकटवाडी')],
  },
  {
    number: 212, name: 'Parvati', nameHi: 'पर्वती', reservation: 'GEN', pcNumber: 34,
    lat: 18.485, lon: 73.855, radiusKm: 2.5, electors: 352_000, civicBody: 'pmc',
    localities: [loc('Parvati Paytha', 'पर्वती पायथा'), loc('Sahakar Nagar', 'सहकार नगर'), loc('Padmavati', 'पद्मावती'), loc('Market Yard', 'मार्केट यार्ड'), loc('Taljai', 'तळजाई'), loc('Mukund Nagar', 'मुकुंद नगर')],
  },
  {
    number: 213, name: 'Hadapsar', nameHi: 'हडपसर', reservation: 'GEN', pcNumber: 36,
    lat: 18.5, lon: 73.94, radiusKm: 5, electors: 628_000, civicBody: 'pmc',
    localities: [loc('Hadapsar', 'हडपसर'), loc('Magarpatta', 'मगरपट्टा'), loc('Mundhwa', 'मुंढवा'), loc('Mohammadwadi', 'महंमदवाडी'), loc('Manjri', 'मांजरी'), loc('Keshav Nagar', 'केशव नगर')],
  },
  {
    number: 214, name: 'Pune Cantonment', nameHi: 'पुणे छावनी', reservation: 'SC', pcNumber: 34,
    lat: 18.505, lon: 73.885, radiusKm: 2.5, electors: 292_000, civicBody: 'cantonment',
    localities: [loc('Camp', 'कैंप'), loc('Wanowrie', 'वानवडी'), loc('Ghorpadi', 'घोरपडी'), loc('Bhawani Peth', 'भवानी पेठ'), loc('Salisbury Park', 'सैलिसबरी पार्क'), loc('Fatima Nagar', 'फातिमा नगर')],
  },
  {
    number: 215, name: 'Kasba Peth', nameHi: 'कसबा पेठ', reservation: 'GEN', pcNumber: 34,
    lat: 18.52, lon: 73.857, radiusKm: 2, electors: 282_000, civicBody: 'pmc',
    localities: [loc('Kasba Peth', 'कसबा पेठ'), loc('Shaniwar Peth', 'शनिवार पेठ'), loc('Budhwar Peth', 'बुधवार पेठ'), loc('Raviwar Peth', 'रविवार पेठ'), loc('Somwar Peth', 'सोमवार पेठ'), loc('Narayan Peth', 'नारायण पेठ')],
  },
];

export const PUNE: DistrictSpec = {
  stateCode: MAHARASHTRA.code,
  code: 'MH-PUNE',
  name: 'Pune',
  nameHi: 'पुणे',
  lat: 18.52,
  lon: 73.86,
  logOrigin: 'evmtrail.example/MH/PUNE',
  tag: 'PUNE',
  rto: 'MH12',
  box: { minLat: 17.9, maxLat: 19.4, minLon: 73.3, maxLon: 75.1 },
  pcs: [
    { number: 33, name: 'Maval', nameHi: 'मावल' },
    { number: 34, name: 'Pune', nameHi: 'पुणे' },
    { number: 35, name: 'Baramati', nameHi: 'बारामती' },
    { number: 36, name: 'Shirur', nameHi: 'शिरूर' },
  ],
  acs: PUNE_ACS,
  warehouses: [
    { code: 'WH-PUNE-01', name: 'EVM Warehouse, Collector Office Compound, Pune', nameHi: 'ईवीएम गोदाम, जिलाधिकारी कार्यालय परिसर, पुणे', lat: 18.5302, lon: 73.8711 },
    { code: 'WH-PUNE-02', name: 'EVM Warehouse, Bhosari MIDC', nameHi: 'ईवीएम गोदाम, भोसरी एमआईडीसी', lat: 18.6205, lon: 73.8452 },
  ],
};
