// The fixed choices a project uses. Labels live in the catalogue (projects:activity.<value> and so on).

export const activities = ['co-design', 'co-decision', 'co-delivery', 'co-evaluation'] as const;
export type Activity = (typeof activities)[number];

/** The levels the guide describes, from least to most shared power. */
export const levels = ['descriptive', 'intermediate', 'transformative'] as const;
export type Level = (typeof levels)[number];

export const stages = ['setting-up', 'designing', 'deciding', 'delivering', 'reviewing', 'closed'] as const;
export type Stage = (typeof stages)[number];

export const memberRoles = ['member', 'co-chair', 'lead'] as const;
export type MemberRole = (typeof memberRoles)[number];
