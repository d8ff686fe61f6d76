import { z } from 'zod';

/**
 * Reads a JSON column with the schema of what the app writes there. A value that does not
 * match is a fault in the stored data, not something a person typed: it fails loudly
 * (naming the column) instead of flowing on as a wrong type.
 */
export function readJson<S extends z.ZodType>(schema: S, text: string | null | undefined, column: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text ?? 'null');
  } catch (error) {
    throw new Error(`Stored ${column} is not JSON`, { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`Stored ${column} does not have the expected shape: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** A list of words, such as chosen options: each module then keeps the ones it knows. */
export const storedStrings = z.array(z.string());
/** Amounts by name, such as rates in pence. */
export const storedNumbers = z.record(z.string(), z.number());
