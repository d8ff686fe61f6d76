import type { ContactChannel, FormatNeed, Perspective, PhysicalNeed, SupportNeed } from '../src/modules/people/vocabulary.ts';

// Made-up people for the demo: varied perspectives, access needs and ways to be
// reached; several have no email at all and are looked after by staff.
export type DemoPerson = {
  fullName: string;
  preferredName?: string;
  pronouns?: string;
  perspectives: Perspective[];
  email?: string;
  mobile?: string;
  landline?: string;
  address?: string;
  contactOrder: ContactChannel[];
  contactTimes?: string;
  skills?: string;
  livedExperience?: string;
  interests?: string;
  timeToGive?: string;
  needs?: {
    formats?: FormatNeed[];
    interpreterLanguage?: string;
    physical?: PhysicalNeed[];
    support?: SupportNeed[];
    dietary?: string;
    other?: string;
  };
  role?: 'admin' | 'facilitator' | 'member';
};

export const councilPeople: DemoPerson[] = [
  {
    fullName: 'Grace Okafor',
    perspectives: ['draws-on-care'],
    email: 'grace@example.org',
    mobile: '07700 900101',
    contactOrder: ['email', 'text'],
    contactTimes: 'Weekday mornings',
    skills: 'Chairing meetings, listening',
    livedExperience: 'Uses a wheelchair and has a personal assistant',
    interests: 'Accessible transport',
    timeToGive: 'Two hours a week',
    needs: { physical: ['step-free', 'accessible-toilet'], support: ['support-worker'] },
    role: 'member',
  },
  {
    fullName: 'Thomas Reid',
    preferredName: 'Tom',
    perspectives: ['carer'],
    mobile: '07700 900102',
    contactOrder: ['text', 'phone'],
    contactTimes: 'After 6pm',
    livedExperience: 'Cares for his mum, who has dementia',
    skills: 'Carpentry',
    timeToGive: 'Evenings now and then',
    needs: { other: 'Needs to know dates early to arrange care cover' },
  },
  {
    fullName: 'Amira Hassan',
    pronouns: 'she/her',
    perspectives: ['draws-on-care', 'community'],
    email: 'amira@example.org',
    contactOrder: ['email', 'in-person'],
    skills: 'Arabic and English, translation',
    livedExperience: 'Mental health support in the community',
    interests: 'Peer support groups',
    needs: { physical: ['quiet-space', 'breaks'] },
    role: 'member',
  },
  {
    fullName: 'Dennis Whitfield',
    perspectives: ['draws-on-care'],
    landline: '01632 960103',
    address: '4 Mill Lane, Northby, NS1 4AB',
    contactOrder: ['letter', 'phone'],
    contactTimes: 'Afternoons, not Fridays',
    livedExperience: 'Lives in a residential home',
    interests: 'Gardening, local history',
    needs: { formats: ['large-print'], physical: ['hearing-loop', 'step-free'], support: ['travel-help'], dietary: 'Soft food' },
  },
  {
    // Dennis's daughter and supporter (issue 17): she replies, votes as he tells her and claims for him.
    fullName: 'Karen Whitfield',
    perspectives: ['family'],
    email: 'karen.whitfield@example.org',
    mobile: '07700 900131',
    contactOrder: ['email', 'text'],
    role: 'member',
  },
  {
    fullName: 'Priya Natarajan',
    pronouns: 'she/her',
    perspectives: ['carer', 'family'],
    email: 'priya@example.org',
    mobile: '07700 900104',
    contactOrder: ['email', 'text', 'phone'],
    skills: 'Spreadsheets, organising',
    livedExperience: 'Parent carer of a young adult with autism',
    timeToGive: 'School hours',
    role: 'member',
  },
  {
    fullName: 'Samuel Boateng',
    preferredName: 'Sam',
    pronouns: 'he/him',
    perspectives: ['draws-on-care'],
    mobile: '07700 900105',
    contactOrder: ['text', 'in-person'],
    livedExperience: 'Learning disability; lives in supported housing',
    interests: 'Football, music',
    needs: { formats: ['easy-read'], support: ['support-worker', 'travel-help'] },
  },
  {
    fullName: 'Eileen Murphy',
    perspectives: ['draws-on-care'],
    landline: '01632 960106',
    address: '12 Church Row, Northby, NS2 1CD',
    contactOrder: ['phone', 'letter'],
    contactTimes: 'Mornings',
    livedExperience: 'Sight loss since 2019',
    skills: 'Knitting group organiser',
    needs: { formats: ['audio', 'braille'], physical: ['step-free'] },
  },
  {
    fullName: 'Kwame Mensah',
    perspectives: ['community'],
    email: 'kwame@example.org',
    contactOrder: ['email'],
    skills: 'Community radio',
    interests: 'Reaching people not in any group',
    timeToGive: 'Weekends',
  },
  {
    fullName: 'Lily Chen',
    pronouns: 'they/them',
    perspectives: ['draws-on-care'],
    email: 'lily@example.org',
    contactOrder: ['email', 'text'],
    mobile: '07700 900108',
    livedExperience: 'Deaf; British Sign Language user',
    needs: { formats: ['bsl'], physical: ['hearing-loop'] },
    role: 'member',
  },
  {
    fullName: 'Marek Nowak',
    perspectives: ['carer'],
    mobile: '07700 900109',
    contactOrder: ['text', 'phone'],
    livedExperience: 'Cares for his wife after a stroke',
    needs: { formats: ['interpreter'], interpreterLanguage: 'Polish' },
  },
  {
    fullName: 'Joan Fletcher',
    perspectives: ['draws-on-care'],
    landline: '01632 960110',
    contactOrder: ['phone', 'in-person'],
    livedExperience: 'Early-stage dementia',
    interests: 'Memory cafe',
    needs: { physical: ['quiet-space', 'breaks'], support: ['support-worker'], other: 'Short meetings work best, with the same faces' },
  },
  {
    fullName: 'Rosa Price',
    perspectives: ['family', 'community'],
    email: 'rosa@example.org',
    contactOrder: ['email'],
    skills: 'Writing, newsletters',
    timeToGive: 'One afternoon a month',
  },
  {
    fullName: 'Bilal Qureshi',
    perspectives: ['draws-on-care'],
    mobile: '07700 900112',
    contactOrder: ['text'],
    livedExperience: 'Was homeless for two years',
    interests: 'Housing support',
    needs: { other: 'No fixed address: reach by text' },
  },
  {
    fullName: 'Nora Kelly',
    perspectives: ['carer'],
    email: 'nora@example.org',
    contactOrder: ['email', 'phone'],
    landline: '01632 960113',
    livedExperience: 'Young carer for her dad',
    timeToGive: 'After college',
  },
  {
    fullName: 'Patrick Doherty',
    perspectives: ['draws-on-care'],
    address: 'Site 3, Northby Traveller Site, NS4 9ZZ',
    contactOrder: ['in-person', 'letter'],
    livedExperience: 'Irish Traveller; diabetes',
    needs: { formats: ['easy-read'], dietary: 'Diabetic' },
  },
  {
    fullName: 'Hannah Lowe',
    perspectives: ['practitioner'],
    email: 'hannah.lowe@northshire.example',
    contactOrder: ['email'],
    skills: 'Social work',
    role: 'facilitator',
  },
  {
    fullName: 'Martin Shaw',
    perspectives: ['manager'],
    email: 'martin.shaw@northshire.example',
    contactOrder: ['email', 'phone'],
    role: 'facilitator',
  },
  {
    fullName: 'Fatima Ali',
    perspectives: ['commissioner'],
    email: 'fatima.ali@northshire.example',
    contactOrder: ['email'],
    skills: 'Commissioning day services',
    role: 'member',
  },
  {
    fullName: 'George Evans',
    perspectives: ['practitioner'],
    email: 'george.evans@northshire.example',
    contactOrder: ['email'],
    skills: 'Occupational therapy',
  },
  {
    fullName: 'Olivia Grant',
    perspectives: ['partner'],
    email: 'olivia@northby-cvs.example',
    contactOrder: ['email'],
    skills: 'Runs the local voluntary services council',
  },
  {
    fullName: 'Arjun Patel',
    perspectives: ['draws-on-care', 'carer'],
    email: 'arjun@example.org',
    contactOrder: ['email', 'text'],
    mobile: '07700 900120',
    livedExperience: 'Has MS and cares for his father',
    needs: { physical: ['step-free', 'breaks'] },
  },
  {
    fullName: 'Beatrice Adeyemi',
    preferredName: 'Bea',
    perspectives: ['community'],
    mobile: '07700 900121',
    contactOrder: ['text'],
    interests: 'Faith groups and food banks',
  },
  {
    fullName: 'Colin Baker',
    perspectives: ['draws-on-care'],
    landline: '01632 960122',
    contactOrder: ['phone'],
    livedExperience: 'Lives in a care home',
    needs: { physical: ['step-free', 'accessible-toilet', 'hearing-loop'], support: ['travel-help'] },
  },
  {
    fullName: 'Daisy Morgan',
    perspectives: ['carer'],
    email: 'daisy@example.org',
    contactOrder: ['email'],
    livedExperience: 'Cares for twin boys with complex needs',
  },
];

export const charityPeople: DemoPerson[] = [
  { fullName: 'Ruth Ellison', perspectives: ['manager'], email: 'ruth@riverside-carers.example', contactOrder: ['email'], role: 'admin' },
  {
    fullName: 'Yusuf Demir',
    perspectives: ['practitioner'],
    email: 'yusuf@riverside-carers.example',
    contactOrder: ['email', 'phone'],
    role: 'facilitator',
  },
  {
    fullName: 'Agnes Moyo',
    perspectives: ['carer'],
    mobile: '07700 900201',
    contactOrder: ['text', 'phone'],
    livedExperience: 'Cares for her husband',
    needs: { formats: ['large-print'] },
    role: 'member',
    email: 'agnes@example.net',
  },
  {
    fullName: 'Brian Holt',
    perspectives: ['carer'],
    landline: '01632 960202',
    contactOrder: ['phone', 'letter'],
    address: '9 Quay Street, Riverside, RS1 2EF',
    livedExperience: 'Cares for his son',
  },
  { fullName: 'Chloe Sanders', perspectives: ['carer', 'family'], email: 'chloe@example.net', contactOrder: ['email'] },
  {
    fullName: 'Darren Pike',
    perspectives: ['draws-on-care'],
    mobile: '07700 900204',
    contactOrder: ['text'],
    needs: { formats: ['easy-read'], support: ['support-worker'] },
  },
  {
    fullName: 'Esther Kaur',
    perspectives: ['carer'],
    email: 'esther@example.net',
    contactOrder: ['email', 'text'],
    mobile: '07700 900205',
    needs: { formats: ['interpreter'], interpreterLanguage: 'Punjabi' },
  },
  { fullName: 'Frank Osei', perspectives: ['community'], email: 'frank@example.net', contactOrder: ['email'] },
  {
    fullName: 'Gwen Roberts',
    perspectives: ['carer'],
    landline: '01632 960207',
    contactOrder: ['phone'],
    needs: { physical: ['hearing-loop'] },
  },
  {
    fullName: 'Harry Lewis',
    perspectives: ['draws-on-care'],
    email: 'harry@example.net',
    contactOrder: ['email'],
    needs: { physical: ['step-free'] },
  },
  { fullName: 'Imogen Clarke', perspectives: ['partner'], email: 'imogen@riverside-gp.example', contactOrder: ['email'] },
  { fullName: 'Jacob Stone', perspectives: ['carer'], mobile: '07700 900210', contactOrder: ['text'] },
  { fullName: 'Kiran Shah', perspectives: ['commissioner'], email: 'kiran.shah@riverside.example', contactOrder: ['email'] },
  {
    fullName: 'Leah Barker',
    perspectives: ['carer'],
    address: '22 Ferry Road, Riverside, RS3 4GH',
    contactOrder: ['letter'],
    needs: { formats: ['large-print'] },
  },
  {
    fullName: 'Moses Banda',
    perspectives: ['draws-on-care', 'community'],
    email: 'moses@example.net',
    contactOrder: ['email', 'in-person'],
  },
  {
    fullName: 'Nadia Petrova',
    perspectives: ['carer'],
    email: 'nadia@example.net',
    contactOrder: ['email'],
    needs: { formats: ['interpreter'], interpreterLanguage: 'Russian' },
  },
];
