/** Who a supporter is to the person. Care Act advocates are a kind of supporter (Care Act 2014 s.67). */
export const supporterKinds = ['family', 'friend', 'carer', 'advocate', 'care-act-advocate', 'support-worker'] as const;

/**
 * The person's own consent, or where they lack capacity to consent (Mental Capacity Act
 * 2005) the legal basis staff record instead: a Lasting Power of Attorney for health and
 * welfare, a Court of Protection deputy, or a best-interests decision.
 */
export const supporterBases = ['consent', 'lpa', 'deputy', 'best-interests'] as const;

/** What a supporter may do for the person; each is chosen one by one. */
export const supporterPowers = ['copies', 'reply', 'vote', 'reviews', 'claim'] as const;
export type SupporterPower = (typeof supporterPowers)[number];

/** How staff reach a supporter who has no account. */
export const supporterChannels = ['email', 'text', 'phone', 'letter'] as const;

/** How the person told their supporter what to answer: by phone, in person, in writing. */
export const toldHows = ['phone', 'in-person', 'writing'] as const;
export type ToldHow = (typeof toldHows)[number];
