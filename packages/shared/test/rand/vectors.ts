/** The EVMRAND/1 and consistent-sampler vector files (test/fixtures/vectors), typed. */
import { readFileSync } from 'node:fs';

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/vectors/${name}`, import.meta.url), 'utf8')) as T;
}

export interface TicketVector {
  seed: string;
  seed_sha256_hex: string;
  id: string;
  hash_input: string;
  sha256_hex: string;
  ticket: string;
  ticket_trim9: string;
}

export interface PerType {
  seed_for_type: string;
  order: { rank: number; id: string; ticket: string }[];
  allocation: { target: string; id: string }[];
  reserve_in_ticket_order: string[];
  variantB_order_for_comparison?: string[];
}

export interface StageVector {
  pool_csv: string;
  pool_csv_sha256: string;
  demand_csv: string;
  demand_csv_sha256: string;
  dice_digits: string;
  party_reveals_in_order: string[];
  seed: string;
  per_type: Record<'BU' | 'CU' | 'VVPAT', PerType>;
  allocation_csv: string;
  allocation_csv_sha256: string;
}

export interface EvmrandVectors {
  tickets: TicketVector[];
  commitments: { party: string; reveal: string; commit_input: string; commitment: string }[];
  first_randomisation: StageVector;
  second_randomisation: StageVector;
  regression_1000: {
    seed: string;
    demand: [string, number][];
    first_10_in_order: string[];
    last_5_in_order: string[];
    sha256_of_order_joined_by_newline_with_trailing_newline: string;
    allocation_csv_sha256: string;
    reserve_count: number;
    reserve_first_5: string[];
    variantB_first_10: string[];
    variantB_sha256_of_order: string;
  };
}

type PyTicket = [string, string | number | [string, number], number];

export interface SamplerVectors {
  primitives: Record<string, unknown> & {
    'make_ticket_heap([\'dog\',\'cat\',\'fish\',\'goat\'], seed=\'xy()134!g2n\') (heap array order, full tickets)': PyTicket[];
  };
  sampler_examples: { call: string; ids: string[] | string; output: (string | number | PyTicket)[] }[];
  full_ticket_shuffle: { seed: string; ids: string[]; output_tickets_digits78: PyTicket[] };
  arlo_draw_sample: { seed: string; manifest: Record<string, string>; expected: PyTicket[] };
}

export interface RivestSamplerTests {
  tests: { data: { count: number; seed: string; total: number }; expected: number[] }[];
}

export const EVMRAND = load<EvmrandVectors>('evmrand-v1-vectors.json');
export const SAMPLER = load<SamplerVectors>('consistent-sampler-reference-vectors.json');
export const RIVEST_2011 = load<RivestSamplerTests>('rivest-sampler-tests.json');
