// The fixed choices of commissioning. Labels live in the catalogue (commissioning:kind.<value>, ...).
import type { RoundKind, RoundStage } from '../../db/schema/commissioning.ts';

export const roundKinds: readonly RoundKind[] = ['service', 'grant'];
export const roundStages: readonly RoundStage[] = ['preparing', 'alone', 'together', 'published'];
/** Every criterion is scored on the same scale, 1 (poor) to 5 (very good). */
export const scale = { min: 1, max: 5 } as const;
export const scoreValues = [1, 2, 3, 4, 5] as const;
/** A policy or a round has a handful of criteria; the form shows this many rows. */
export const criteriaRows = 6;
