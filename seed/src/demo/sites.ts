import type { Maker } from '@evmtrail/shared';

import type { AcSpec, DistrictSpec } from './place-types.ts';
import type { LocationKind, LocationRow, StrongroomType } from './types.ts';

/*
 * The non-polling-station places of a demo district: warehouses, the district strongroom,
 * the FLC hall, per-AC strongrooms and centres, the counting hall, the repair room and the
 * manufacturers' plants. Names are plausible, not the real venues.
 */

const MANUFACTURER_SITES = [
  { code: 'MFR-BEL-BLR', maker: 'BEL', name: 'Bharat Electronics Ltd, Bengaluru', nameHi: 'भारत इलेक्ट्रॉनिक्स लिमिटेड, बेंगलुरु', lat: 13.0411, lon: 77.5479 },
  { code: 'MFR-ECIL-HYD', maker: 'ECIL', name: 'Electronics Corporation of India Ltd, Hyderabad', nameHi: 'इलेक्ट्रॉनिक्स कॉर्पोरेशन ऑफ़ इंडिया लिमिटेड, हैदराबाद', lat: 17.4705, lon: 78.5717 },
] as const;

/** The plant of `maker`. */
export function plantOf(maker: Maker): (typeof MANUFACTURER_SITES)[number] {
  const plant = MANUFACTURER_SITES.find((m) => m.maker === maker);
  if (!plant) throw new Error(`No plant for maker ${maker}`);
  return plant;
}

/** ACs that also get a polled-EVM strongroom and a reserve strongroom in the demo. */
const ACS_WITH_POST_POLL_ROOMS: ReadonlySet<number> = new Set([205, 209, 210, 213, 158]);

interface SiteInput {
  readonly code: string;
  readonly kind: LocationKind;
  readonly strongroomType?: StrongroomType;
  readonly name: string;
  readonly nameHi: string;
  readonly acNumber?: number;
  readonly lat: number;
  readonly lon: number;
}

function site(district: DistrictSpec, input: SiteInput): LocationRow {
  return {
    districtCode: district.code,
    code: input.code,
    kind: input.kind,
    strongroomType: input.strongroomType ?? null,
    name: input.name,
    nameHi: input.nameHi,
    acNumber: input.acNumber ?? null,
    lat: input.lat,
    lon: input.lon,
    psNumber: null,
    electors: null,
  };
}

/** A point `dxKm` east and `dyKm` north of (lat, lon), rounded to 6 decimals. */
function offset(lat: number, lon: number, dxKm: number, dyKm: number): { lat: number; lon: number } {
  const kmPerDegreeLon = 111.32 * Math.cos((lat * Math.PI) / 180);
  return {
    lat: Math.round((lat + dyKm / 111.32) * 1e6) / 1e6,
    lon: Math.round((lon + dxKm / kmPerDegreeLon) * 1e6) / 1e6,
  };
}

export function districtSites(district: DistrictSpec): LocationRow[] {
  const [main] = district.warehouses;
  if (!main) throw new Error(`District ${district.code} has no warehouse`);
  const rows = district.warehouses.map((w) => site(district, { ...w, kind: 'warehouse' }));
  const hq = { lat: main.lat, lon: main.lon };
  rows.push(
    site(district, {
      code: `SR-${district.tag}-DIST`, kind: 'strongroom', strongroomType: 'district_warehouse',
      name: `District Strongroom, ${district.name}`, nameHi: `ज़िला स्ट्रांग रूम, ${district.nameHi}`,
      ...offset(hq.lat, hq.lon, 0.15, 0.05),
    }),
    site(district, {
      code: `FLC-${district.tag}-01`, kind: 'flc_hall',
      name: `First Level Checking Hall, ${district.name}`, nameHi: `प्रथम स्तरीय जाँच कक्ष, ${district.nameHi}`,
      ...offset(hq.lat, hq.lon, -0.1, 0.08),
    }),
    site(district, {
      code: `CNT-${district.tag}-01`, kind: 'counting_hall',
      name: `Counting Centre, ${district.name}`, nameHi: `मतगणना केंद्र, ${district.nameHi}`,
      ...offset(hq.lat, hq.lon, 3.2, 1.1),
    }),
    site(district, {
      code: `RR-${district.tag}-01`, kind: 'repair_room', strongroomType: 'repair',
      name: `EVM Repair Room, ${district.name}`, nameHi: `ईवीएम मरम्मत कक्ष, ${district.nameHi}`,
      ...offset(hq.lat, hq.lon, 0.2, -0.1),
    }),
    ...MANUFACTURER_SITES.map((m) =>
      site(district, { code: m.code, kind: 'manufacturer', name: m.name, nameHi: m.nameHi, lat: m.lat, lon: m.lon }),
    ),
  );
  return rows;
}

/** Strongroom, distribution and receiving centres and commissioning hall of one AC. */
export function acSites(district: DistrictSpec, ac: AcSpec): LocationRow[] {
  const at = (dx: number, dy: number) => offset(ac.lat, ac.lon, dx, dy);
  const n = ac.number;
  const rows: LocationRow[] = [
    site(district, {
      code: `SR-AC${n}`, kind: 'strongroom', strongroomType: 'ac', acNumber: n,
      name: `AC Strongroom, ${n} ${ac.name}`, nameHi: `विधानसभा स्ट्रांग रूम, ${n} ${ac.nameHi}`, ...at(0.3, 0.2),
    }),
    site(district, {
      code: `CH-AC${n}`, kind: 'commissioning_hall', acNumber: n,
      name: `Commissioning Hall, ${n} ${ac.name}`, nameHi: `कमीशनिंग कक्ष, ${n} ${ac.nameHi}`, ...at(0.35, 0.2),
    }),
    site(district, {
      code: `DC-AC${n}`, kind: 'distribution_centre', acNumber: n,
      name: `Distribution-cum-Receiving Centre, ${n} ${ac.name} (distribution)`,
      nameHi: `वितरण एवं संग्रहण केंद्र, ${n} ${ac.nameHi} (वितरण)`, ...at(-0.4, 0.1),
    }),
    site(district, {
      code: `RC-AC${n}`, kind: 'receiving_centre', acNumber: n,
      name: `Distribution-cum-Receiving Centre, ${n} ${ac.name} (receiving)`,
      nameHi: `वितरण एवं संग्रहण केंद्र, ${n} ${ac.nameHi} (संग्रहण)`, ...at(-0.4, 0.12),
    }),
  ];
  if (ACS_WITH_POST_POLL_ROOMS.has(n)) {
    rows.push(
      site(district, {
        code: `SR-AC${n}-POLLED`, kind: 'strongroom', strongroomType: 'polled', acNumber: n,
        name: `Polled EVM Strongroom, ${n} ${ac.name}`, nameHi: `मतदान पश्चात ईवीएम स्ट्रांग रूम, ${n} ${ac.nameHi}`, ...at(-0.45, 0.15),
      }),
      site(district, {
        code: `SR-AC${n}-RESERVE`, kind: 'strongroom', strongroomType: 'reserve', acNumber: n,
        name: `Reserve EVM Strongroom, ${n} ${ac.name}`, nameHi: `आरक्षित ईवीएम स्ट्रांग रूम, ${n} ${ac.nameHi}`, ...at(0.9, -0.6),
      }),
    );
  }
  return rows;
}

/** A consignment truck, as a place (a consignment in transit is a place: design.md). */
export function vehicleSite(district: DistrictSpec, registration: string, lat: number, lon: number): LocationRow {
  return site(district, {
    code: `VEH-${district.rto}-${registration}`, kind: 'vehicle',
    name: `Consignment truck ${district.rto.slice(0, 2)} ${district.rto.slice(2)} ${registration}`,
    nameHi: `परेषण ट्रक ${district.rto.slice(0, 2)} ${district.rto.slice(2)} ${registration}`,
    lat, lon,
  });
}
