// The fixed choices of payments and rewards (S2). Labels: rewards:activity.<value>,
// rewards:way.<value>, rewards:benefit.<value>, rewards:preparation.<value> in the catalogue.

export const activityTypes = ['meeting', 'preparation', 'training', 'recruitment-panel', 'consultation', 'peer-support', 'other'] as const;
export type ActivityType = (typeof activityTypes)[number];

export const preparationKinds = ['none', 'per-meeting-hour', 'fixed'] as const;
export type PreparationKind = (typeof preparationKinds)[number];

/** How a person chooses to be rewarded. They can always change their mind. */
export const rewardWays = ['bank-transfer', 'voucher', 'time-credits', 'lower-amount', 'donation', 'volunteer', 'paid-staff'] as const;
export type RewardWay = (typeof rewardWays)[number];

/** Benefits whose earnings rules matter. "other" is kept as words and never checked. */
export const benefitKinds = ['universal-credit', 'esa-permitted-work', 'other'] as const;
export type BenefitKind = (typeof benefitKinds)[number];

/** Benefits with an earnings limit the organisation sets, and so can be checked. */
export const limitKinds = ['universal-credit', 'esa-permitted-work'] as const;
export type LimitKind = (typeof limitKinds)[number];

export const paymentMethods = ['bank-transfer', 'voucher'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];
