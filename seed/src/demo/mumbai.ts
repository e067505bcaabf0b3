import { MAHARASHTRA } from './pune.ts';
import type { DistrictSpec } from './place-types.ts';

/*
 * A small second district, present only so that jurisdiction tests can prove a Pune user cannot
 * see another district's rows. Real AC numbers and names (158 Jogeshwari East in PC 27 Mumbai
 * North West, 177 Vandre West in PC 29 Mumbai North Central); elector counts are scaled down on
 * purpose to about 20 polling stations in all.
 */
export const MUMBAI_SUBURBAN: DistrictSpec = {
  stateCode: MAHARASHTRA.code,
  code: 'MH-MUMBAI-SUB',
  name: 'Mumbai Suburban',
  nameHi: 'मुंबई उपनगर',
  lat: 19.1,
  lon: 72.87,
  logOrigin: 'evmtrail.example/MH/MUMBAI-SUB',
  tag: 'MUMSUB',
  rto: 'MH02',
  box: { minLat: 19.0, maxLat: 19.3, minLon: 72.77, maxLon: 72.99 },
  pcs: [
    { number: 27, name: 'Mumbai North West', nameHi: 'मुंबई उत्तर पश्चिम' },
    { number: 29, name: 'Mumbai North Central', nameHi: 'मुंबई उत्तर मध्य' },
  ],
  acs: [
    {
      number: 158, name: 'Jogeshwari East', nameHi: 'जोगेश्वरी पूर्व', reservation: 'GEN', pcNumber: 27,
      lat: 19.138, lon: 72.862, radiusKm: 1.5, electors: 11_000, civicBody: 'mcgm',
      localities: [
        { name: 'Jogeshwari East', nameHi: 'जोगेश्वरी पूर्व' },
        { name: 'Majas', nameHi: 'मजास' },
        { name: 'Meghwadi', nameHi: 'मेघवाडी' },
      ],
    },
    {
      number: 177, name: 'Vandre West', nameHi: 'वांद्रे पश्चिम', reservation: 'GEN', pcNumber: 29,
      lat: 19.06, lon: 72.835, radiusKm: 1.5, electors: 10_000, civicBody: 'mcgm',
      localities: [
        { name: 'Bandra West', nameHi: 'बांद्रा पश्चिम' },
        { name: 'Pali Hill', nameHi: 'पाली हिल' },
        { name: 'Khar West', nameHi: 'खार पश्चिम' },
      ],
    },
  ],
  warehouses: [
    { code: 'WH-MUMSUB-01', name: 'EVM Warehouse, Bandra Collectorate', nameHi: 'ईवीएम गोदाम, बांद्रा जिलाधिकारी कार्यालय', lat: 19.0596, lon: 72.8406 },
  ],
};
