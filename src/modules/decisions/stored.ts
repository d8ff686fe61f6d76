import { z } from 'zod';
import { perspectiveGroups } from '../../platform/perspective-groups.ts';
import type { BallotBody } from './ballot-form.ts';
import { consentResponses } from './counting/consent.ts';
import type { Scores } from './counting/scoring.ts';
import { budgetWays, type ProposalSettings } from './vocabulary.ts';

// The shapes the decisions module writes into its JSON columns, read back with readJson.

const quorum = z.union([
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('people'), minimum: z.number() }),
  z.object({ kind: z.literal('percent'), percent: z.number() }),
]);

export const storedSettings: z.ZodType<ProposalSettings> = z.object({
  quorum: quorum.optional(),
  dotsEach: z.number().optional(),
  criteria: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number() })).optional(),
  budgetPence: z.number().optional(),
  budgetWay: z.enum(budgetWays).optional(),
});

const numbersById = z.record(z.string(), z.number());

export const storedScores: z.ZodType<Scores> = z.record(z.string(), numbersById);

export const storedBallot: z.ZodType<BallotBody> = z.union([
  z.object({ response: z.enum(consentResponses), reason: z.string().nullable() }),
  z.object({ choice: z.string().nullable() }),
  z.object({ ranking: z.array(z.string()) }),
  z.object({ dots: numbersById }),
  z.object({ scores: z.record(z.string(), numbersById) }),
  z.object({ approve: z.array(z.string()) }),
  z.object({ allocate: numbersById }),
]);

export const storedGroups = z.array(z.enum(perspectiveGroups));
