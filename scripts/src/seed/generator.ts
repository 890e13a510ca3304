/**
 * The seed data generator: pure and deterministic. Given a seed, sizes and a reference date it
 * returns every record the seed command writes, identified by Seed_Key__c values and by keys of
 * the parent records (ids are resolved by the writer).
 */
import { Prng } from './prng.js';
import { addDays } from '../expectations/rules.js';

export interface SeedSizes {
  accounts: number;
  opportunities: number;
}

export interface SeedAccount {
  key: string;
  name: string;
  industry: string;
  lifecycleStage: string;
  leadScore: number;
}

export interface SeedContact {
  key: string;
  accountKey: string;
  firstName: string;
  lastName: string;
  email: string;
}

export interface SeedProduct {
  key: string;
  name: string;
  productCode: string;
  family: string;
  listPrice: number;
  /** The product carries a default revenue schedule (monthly installments). */
  revenueSchedule: boolean;
}

export interface SeedLine {
  productKey: string;
  quantity: number;
  unitPrice: number;
}

export interface SeedContactRole {
  contactKey: string;
  role: string;
  isPrimary: boolean;
}

export interface SeedOpportunity {
  key: string;
  accountKey: string;
  name: string;
  stageName: string;
  closeDate: string;
  type: string;
  leadSource: string;
  lines: SeedLine[];
  contactRoles: SeedContactRole[];
  competitors: string[];
}

export interface SeedData {
  prefix: string;
  accounts: SeedAccount[];
  contacts: SeedContact[];
  products: SeedProduct[];
  opportunities: SeedOpportunity[];
}

/** The open stages of the standard sales process a scratch org has. */
export const OPEN_STAGES = [
  'Prospecting',
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Id. Decision Makers',
  'Perception Analysis',
  'Proposal/Price Quote',
  'Negotiation/Review',
] as const;

/** Lifecycle stages a seeded account may start in (values of Account.Lifecycle_Stage__c). */
export const SEEDED_LIFECYCLE_STAGES = [
  'Detected',
  'Pipeline',
  'Pipeline',
  'Customer',
  'Expansion',
  'At Risk',
] as const;

export const MAX_OPPORTUNITIES = 10000;

const INDUSTRIES = [
  'Technology',
  'Manufacturing',
  'Retail',
  'Healthcare',
  'Finance',
  'Energy',
  'Education',
];
const NAME_LEFT = [
  'Blue',
  'North',
  'Silver',
  'Bright',
  'Iron',
  'Cedar',
  'Harbor',
  'Summit',
  'Granite',
  'Maple',
];
const NAME_RIGHT = [
  'Logistics',
  'Foods',
  'Robotics',
  'Health',
  'Capital',
  'Energy',
  'Systems',
  'Labs',
  'Works',
  'Media',
];
const FIRST = [
  'Ada',
  'Ben',
  'Chloe',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Kemi',
  'Luca',
];
const LAST = [
  'Okafor',
  'Silva',
  'Nguyen',
  'Schmidt',
  'Haddad',
  'Kowalski',
  'Tanaka',
  'Moreau',
  'Patel',
  'Jensen',
];
const ROLES = ['Decision Maker', 'Economic Buyer', 'Technical Buyer', 'Evaluator'];
const COMPETITORS = ['Acme Cloud', 'Globex', 'Initech', 'Umbrella Software', 'Hooli'];
const TYPES = ['New Customer', 'Existing Customer - Upgrade', 'Existing Customer - Replacement'];
const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Trade Show', 'Word of mouth'];

const CATALOGUE: Omit<SeedProduct, 'key'>[] = [
  {
    name: 'Close Platform Licence',
    productCode: 'CW-PLAT',
    family: 'Software',
    listPrice: 1200,
    revenueSchedule: true,
  },
  {
    name: 'Analytics Add-on',
    productCode: 'CW-ANLY',
    family: 'Software',
    listPrice: 480,
    revenueSchedule: true,
  },
  {
    name: 'Integration Pack',
    productCode: 'CW-INTG',
    family: 'Software',
    listPrice: 900,
    revenueSchedule: false,
  },
  {
    name: 'Premier Support',
    productCode: 'CW-SUPP',
    family: 'Support',
    listPrice: 300,
    revenueSchedule: true,
  },
  {
    name: 'Onboarding Workshop',
    productCode: 'CW-ONBD',
    family: 'Services',
    listPrice: 2500,
    revenueSchedule: false,
  },
  {
    name: 'Implementation Days',
    productCode: 'CW-IMPL',
    family: 'Services',
    listPrice: 1400,
    revenueSchedule: false,
  },
  {
    name: 'Edge Gateway',
    productCode: 'CW-EDGE',
    family: 'Hardware',
    listPrice: 3200,
    revenueSchedule: false,
  },
  {
    name: 'Sensor Kit',
    productCode: 'CW-SENS',
    family: 'Hardware',
    listPrice: 650,
    revenueSchedule: false,
  },
];

function pad(n: number): string {
  return String(n).padStart(5, '0');
}

/**
 * Generates the seed data. `today` (YYYY-MM-DD) anchors the close dates, so the output depends
 * only on the arguments.
 */
export function generateSeedData(seed: string, sizes: SeedSizes, today: string): SeedData {
  if (!Number.isInteger(sizes.accounts) || sizes.accounts < 1)
    throw new RangeError('accounts must be at least 1');
  if (
    !Number.isInteger(sizes.opportunities) ||
    sizes.opportunities < 0 ||
    sizes.opportunities > MAX_OPPORTUNITIES
  ) {
    throw new RangeError(`opportunities must be between 0 and ${MAX_OPPORTUNITIES}`);
  }
  const prng = new Prng(seed);
  const prefix = `cw${seed}-`;
  const products: SeedProduct[] = CATALOGUE.map((p, i) => ({
    ...p,
    key: `${prefix}prd-${pad(i + 1)}`,
  }));

  const accounts: SeedAccount[] = [];
  const contacts: SeedContact[] = [];
  const contactsByAccount = new Map<string, SeedContact[]>();
  for (let a = 1; a <= sizes.accounts; a++) {
    const key = `${prefix}acc-${pad(a)}`;
    accounts.push({
      key,
      name: `${prng.pick(NAME_LEFT)} ${prng.pick(NAME_RIGHT)} ${pad(a)}`,
      industry: prng.pick(INDUSTRIES),
      lifecycleStage: prng.pick(SEEDED_LIFECYCLE_STAGES),
      leadScore: prng.int(10, 95),
    });
    const own: SeedContact[] = [];
    const count = prng.int(2, 4);
    for (let c = 1; c <= count; c++) {
      const firstName = prng.pick(FIRST);
      const lastName = prng.pick(LAST);
      own.push({
        key: `${prefix}con-${pad(a)}-${c}`,
        accountKey: key,
        firstName,
        lastName,
        email: `${firstName}.${lastName}.${a}.${c}@example.com`.toLowerCase(),
      });
    }
    contacts.push(...own);
    contactsByAccount.set(key, own);
  }

  const opportunities: SeedOpportunity[] = [];
  for (let o = 1; o <= sizes.opportunities; o++) {
    const account = accounts[(o - 1) % accounts.length];
    const lines = prng.sample(products, prng.int(1, 3)).map((p) => ({
      productKey: p.key,
      quantity: prng.int(1, 20),
      unitPrice: Math.round(p.listPrice * (0.8 + prng.next() * 0.2) * 100) / 100,
    }));
    const own = contactsByAccount.get(account.key) ?? [];
    const roleContacts = prng.sample(own, prng.int(1, Math.min(2, own.length)));
    opportunities.push({
      key: `${prefix}opp-${pad(o)}`,
      accountKey: account.key,
      name: `${account.name} - Deal ${pad(o)}`,
      stageName: OPEN_STAGES[(o - 1) % OPEN_STAGES.length],
      closeDate: addDays(today, prng.int(7, 120)),
      type: prng.pick(TYPES),
      leadSource: prng.pick(LEAD_SOURCES),
      lines,
      contactRoles: roleContacts.map((c, i) => ({
        contactKey: c.key,
        role: ROLES[i % ROLES.length],
        isPrimary: i === 0,
      })),
      competitors: prng.sample(COMPETITORS, prng.int(0, 2)),
    });
  }
  return { prefix, accounts, contacts, products, opportunities };
}
