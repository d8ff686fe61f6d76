// Labels: outcomes:measure.<value>, outcomes:phase.<value>, outcomes:storyKind.<value>.
export const measures = ['scale', 'count'] as const;
export const phases = ['before', 'after'] as const;
export const storyKinds = ['text', 'audio', 'video'] as const;
/** A scale answer: 1 (not at all) to 5 (very much). */
export const scores = ['1', '2', '3', '4', '5'] as const;
