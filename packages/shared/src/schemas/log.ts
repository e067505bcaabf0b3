/** Inputs for the custody-log procedures (EVMLOG/1: checkpoints, proofs, export). */
import { z } from 'zod';
import { DistrictIdSchema } from './common.ts';

/** Tree sizes and leaf indices are int8 in the database; JavaScript numbers stay exact to 2^53. */
const TreeSizeSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const LogCheckpointInputSchema = z.strictObject({ districtId: DistrictIdSchema });
export type LogCheckpointInput = z.infer<typeof LogCheckpointInputSchema>;

export const LogExportInputSchema = z.strictObject({ districtId: DistrictIdSchema });
export type LogExportInput = z.infer<typeof LogExportInputSchema>;

/** Proof that leaf `index` is in the tree of `treeSize` (default: the latest checkpoint). */
export const InclusionProofInputSchema = z
  .strictObject({
    districtId: DistrictIdSchema,
    index: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    treeSize: TreeSizeSchema.optional(),
  })
  .refine((input) => input.treeSize === undefined || input.index < input.treeSize, {
    path: ['index'],
    error: (issue) => {
      const input = issue.input as { index: number; treeSize: number };
      return `Leaf index ${input.index} is not in a tree of size ${input.treeSize}`;
    },
  });
export type InclusionProofInput = z.infer<typeof InclusionProofInputSchema>;

/** Proof that the tree of `fromSize` is a prefix of the tree of `toSize` (default: latest). */
export const ConsistencyProofInputSchema = z
  .strictObject({
    districtId: DistrictIdSchema,
    fromSize: TreeSizeSchema,
    toSize: TreeSizeSchema.optional(),
  })
  .refine((input) => input.toSize === undefined || input.fromSize <= input.toSize, {
    path: ['toSize'],
    error: (issue) => {
      const input = issue.input as { fromSize: number; toSize: number };
      return `Tree size ${input.toSize} is smaller than the starting size ${input.fromSize}`;
    },
  });
export type ConsistencyProofInput = z.infer<typeof ConsistencyProofInputSchema>;
