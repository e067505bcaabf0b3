import type { Prng } from '../lib/prng.ts';
import type { AcSpec, CivicBody, DistrictSpec, Locality } from './place-types.ts';
import type { LocationRow } from './types.ts';

/** Electors per polling station: the generator keeps every PS in [MIN, MAX] around TARGET. */
const MIN_ELECTORS_PER_PS = 800;
const MAX_ELECTORS_PER_PS = 1200;
const TARGET_ELECTORS_PER_PS = 1050;

const KM_PER_DEGREE_LAT = 111.32;

/** Building names by civic body: [English, Hindi]. */
const BUILDINGS: Readonly<Record<CivicBody, readonly (readonly [string, string])[]>> = {
  zp: [
    ['Zilla Parishad School', 'ज़िला परिषद विद्यालय'],
    ['Zilla Parishad Primary School', 'ज़िला परिषद प्राथमिक विद्यालय'],
    ['Gram Panchayat Office', 'ग्राम पंचायत कार्यालय'],
    ['New English School', 'न्यू इंग्लिश स्कूल'],
    ['Anganwadi Centre', 'आंगनवाड़ी केंद्र'],
  ],
  pmc: [
    ['Pune Municipal Corporation School', 'पुणे महानगरपालिका विद्यालय'],
    ['PMC Primary School', 'पीएमसी प्राथमिक विद्यालय'],
    ['Ward Office Hall', 'प्रभाग कार्यालय सभागृह'],
    ['New English School', 'न्यू इंग्लिश स्कूल'],
    ['Community Hall', 'सामुदायिक भवन'],
  ],
  pcmc: [
    ['PCMC School', 'पीसीएमसी विद्यालय'],
    ['Pimpri Chinchwad Municipal School', 'पिंपरी चिंचवड महानगरपालिका विद्यालय'],
    ['Ward Office Hall', 'प्रभाग कार्यालय सभागृह'],
    ['Community Hall', 'सामुदायिक भवन'],
  ],
  cantonment: [
    ['Cantonment Board School', 'छावनी परिषद विद्यालय'],
    ['Cantonment Board Hall', 'छावनी परिषद सभागृह'],
    ['Community Hall', 'सामुदायिक भवन'],
  ],
  mcgm: [
    ['BMC School', 'बीएमसी विद्यालय'],
    ['Municipal Secondary School', 'महानगरपालिका माध्यमिक विद्यालय'],
    ['Community Hall', 'सामुदायिक भवन'],
  ],
};

/**
 * Splits `total` electors over `count` polling stations, each within [MIN, MAX], summing
 * exactly to `total`.
 */
function splitElectors(total: number, count: number, rng: Prng): number[] {
  const weights = Array.from({ length: count }, () => rng.range(0.9, 1.1));
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total < count * MIN_ELECTORS_PER_PS || total > count * MAX_ELECTORS_PER_PS) {
    throw new Error(`Cannot split ${total} electors over ${count} polling stations within ${MIN_ELECTORS_PER_PS}-${MAX_ELECTORS_PER_PS}`);
  }
  const out = weights.map((w) =>
    Math.min(MAX_ELECTORS_PER_PS, Math.max(MIN_ELECTORS_PER_PS, Math.round((total * w) / sum))),
  );
  let diff = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % count) {
    const step = diff > 0 ? 1 : -1;
    const next = (out[i] ?? 0) + step;
    if (next >= MIN_ELECTORS_PER_PS && next <= MAX_ELECTORS_PER_PS) {
      out[i] = next;
      diff -= step;
    }
  }
  return out;
}

/** A point around the AC centre: dense in the middle, inside the radius and the district box. */
function scatter(ac: AcSpec, district: DistrictSpec, rng: Prng): { lat: number; lon: number } {
  const kmPerDegreeLon = KM_PER_DEGREE_LAT * Math.cos((ac.lat * Math.PI) / 180);
  const sigma = ac.radiusKm / 2.2;
  for (let attempt = 0; attempt < 1000; attempt++) {
    const dx = rng.gaussian() * sigma;
    const dy = rng.gaussian() * sigma;
    if (dx * dx + dy * dy > ac.radiusKm * ac.radiusKm) continue;
    const lat = round6(ac.lat + dy / KM_PER_DEGREE_LAT);
    const lon = round6(ac.lon + dx / kmPerDegreeLon);
    const { box } = district;
    if (lat < box.minLat || lat > box.maxLat || lon < box.minLon || lon > box.maxLon) continue;
    return { lat, lon };
  }
  throw new Error(`AC ${ac.number} ${ac.name}: centre ${ac.lat}, ${ac.lon} is outside district ${district.code}`);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The main town gets about a third of the polling stations, the rest share the remainder. */
function localityWeights(localities: readonly Locality[]): number[] {
  return localities.map((_, i) => (i === 0 ? Math.max(1, (localities.length - 1) / 2) : 1));
}

function psCode(acNumber: number, psNumber: number): string {
  return `PS-AC${acNumber}-${String(psNumber).padStart(3, '0')}`;
}

/**
 * Polling stations of one AC: numbered 1..n, grouped into buildings of 1–4 rooms, named
 * "<building>, <locality> - Room k" in English and Hindi.
 */
export function generatePollingStations(ac: AcSpec, district: DistrictSpec, rng: Prng): LocationRow[] {
  const count = Math.ceil(ac.electors / TARGET_ELECTORS_PER_PS);
  const electors = splitElectors(ac.electors, count, rng.fork('electors'));
  const weights = localityWeights(ac.localities);
  const buildings = BUILDINGS[ac.civicBody];
  const buildingNumbers = new Map<string, number>();
  const rows: LocationRow[] = [];
  let room = 0;
  let roomsInBuilding = 0;
  let site = { locality: ac.localities[0] as Locality, building: buildings[0] as readonly [string, string], lat: ac.lat, lon: ac.lon, no: 1 };
  for (let n = 1; n <= count; n++) {
    if (room >= roomsInBuilding) {
      const locality = rng.pickWeighted(ac.localities, weights);
      const building = rng.pick(buildings);
      const key = `${locality.name}|${building[0]}`;
      const no = (buildingNumbers.get(key) ?? 0) + 1;
      buildingNumbers.set(key, no);
      site = { locality, building, ...scatter(ac, district, rng), no };
      room = 0;
      roomsInBuilding = rng.int(1, 4);
    }
    room++;
    const number = site.no > 1 ? ` No. ${site.no}` : '';
    rows.push({
      districtCode: district.code,
      code: psCode(ac.number, n),
      kind: 'polling_station',
      strongroomType: null,
      name: `${site.building[0]}${number}, ${site.locality.name} - Room ${room}`,
      nameHi: `${site.building[1]}${site.no > 1 ? ` क्र. ${site.no}` : ''}, ${site.locality.nameHi} - कक्ष ${room}`,
      acNumber: ac.number,
      lat: site.lat,
      lon: site.lon,
      psNumber: n,
      electors: electors[n - 1] ?? TARGET_ELECTORS_PER_PS,
    });
  }
  return rows;
}
