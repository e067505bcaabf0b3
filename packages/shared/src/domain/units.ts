/** Unit kinds, makers and models (eci-brief §1). Capacities are data, not code. */
export const UNIT_KINDS = ['BU', 'CU', 'VVPAT'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The Symbol Loading Unit is an accessory: tracked, sealed and stored, but never in a poll set. */
export const ACCESSORY_KINDS = ['SLU'] as const;
export type AccessoryKind = (typeof ACCESSORY_KINDS)[number];

export const MAKERS = ['BEL', 'ECIL'] as const;
export type Maker = (typeof MAKERS)[number];

export const MODELS = ['M2', 'M3'] as const;
export type Model = (typeof MODELS)[number];

export interface ModelCapacity {
  readonly model: Model;
  /** Candidate buttons on one BU, NOTA included. */
  readonly candidatesPerBu: number;
  /** BUs that one CU can drive. */
  readonly maxBuPerCu: number;
  /** Votes one CU records. */
  readonly maxVotesPerCu: number;
  readonly hasVvpatSupport: boolean;
  readonly hasSelfDiagnostics: boolean;
}

export const MODEL_CAPACITIES: Readonly<Record<Model, ModelCapacity>> = {
  M2: { model: 'M2', candidatesPerBu: 16, maxBuPerCu: 4, maxVotesPerCu: 2000, hasVvpatSupport: true, hasSelfDiagnostics: false },
  M3: { model: 'M3', candidatesPerBu: 16, maxBuPerCu: 24, maxVotesPerCu: 2000, hasVvpatSupport: true, hasSelfDiagnostics: true },
};

/** Largest number of candidates (NOTA included) a model can serve at one polling station. */
export function maxCandidatesForModel(model: Model): number {
  const capacity = MODEL_CAPACITIES[model];
  return capacity.candidatesPerBu * capacity.maxBuPerCu;
}
