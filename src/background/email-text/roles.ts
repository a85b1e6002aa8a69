/**
 * What a signature line says about a job: title words (English, German, French, Spanish) and company
 * markers (legal forms, organisation words, the sender's own mail domain).
 */

const TITLE_WORDS = [
  // English
  'ceo', 'cto', 'cfo', 'coo', 'cmo', 'cio', 'cpo', 'ciso', 'cro', 'vp', 'svp', 'evp', 'avp', 'president', 'vice president', 'founder',
  'co-founder', 'cofounder', 'owner', 'partner', 'principal', 'director', 'manager', 'head', 'lead', 'chief', 'officer', 'engineer',
  'developer', 'designer', 'architect', 'consultant', 'analyst', 'specialist', 'coordinator', 'administrator', 'assistant', 'associate',
  'executive', 'representative', 'advisor', 'adviser', 'strategist', 'scientist', 'researcher', 'professor', 'lecturer', 'attorney',
  'lawyer', 'counsel', 'solicitor', 'paralegal', 'recruiter', 'accountant', 'controller', 'editor', 'producer', 'journalist', 'buyer',
  'sales', 'marketing', 'operations', 'product', 'procurement', 'partnerships', 'business development', 'customer success', 'intern',
  'secretary', 'treasurer', 'chair', 'chairman', 'chairwoman', 'supervisor', 'technician', 'evangelist', 'advocate',
  // German (compounds are matched by their stems below)
  'geschäftsführer', 'geschäftsführerin', 'gesellschafter', 'gesellschafterin', 'vorstand', 'prokurist', 'prokuristin', 'assistenz',
  'mitarbeiter', 'mitarbeiterin', 'buchhaltung', 'kundenservice', 'kundendienst', 'einkauf', 'einkäufer', 'einkäuferin', 'rechtsanwalt', 'rechtsanwältin', 'leitung',
  // French
  'directeur', 'directrice', 'dg', 'pdg', 'président', 'présidente', 'fondateur', 'fondatrice', 'cofondateur', 'cofondatrice',
  'gérant', 'gérante', 'responsable', 'chef', 'cheffe', 'ingénieur', 'ingénieure', 'chargé', 'chargée', 'consultante', 'commercial',
  'commerciale', 'développeur', 'développeuse', 'attaché', 'attachée', 'conseiller', 'conseillère', 'associé', 'associée', 'avocat',
  'avocate', 'comptable', 'assistante', 'stagiaire', 'juriste', 'acheteur', 'acheteuse', 'technicien', 'technicienne', 'délégué',
  'déléguée', 'adjoint', 'adjointe', 'ventes', 'comptabilité', 'service client',
  // Spanish
  'directora', 'gerente', 'jefe', 'jefa', 'ingeniero', 'ingeniera', 'consultor', 'consultora', 'fundador', 'fundadora', 'cofundador',
  'cofundadora', 'socio', 'socia', 'ejecutivo', 'ejecutiva', 'desarrollador', 'desarrolladora', 'coordinador', 'coordinadora',
  'presidenta', 'administrador', 'administradora', 'asesor', 'asesora', 'abogado', 'abogada', 'analista', 'especialista', 'técnico',
  'técnica', 'compras', 'encargado', 'encargada', 'representante', 'delegado', 'delegada', 'becario', 'becaria', 'comercial', 'contabilidad', 'atención al cliente',
];
const TITLE = new RegExp(`(?<![\\p{L}])(?:${TITLE_WORDS.join('|')})(?![\\p{L}])`, 'iu');
/** German job words are compounds: "Vertriebsleiterin", "Projektmanager", "Softwareentwickler". */
const TITLE_STEM = /(?:leiter|führer|berater|entwickler|ingenieur|referent|manager|gründer|vertrieb|inhaber|assistent|sachbearbeiter|betreuer|spezialist|redakteur|architekt|designer)(?:in)?(?![\p{L}])/iu;

export function hasTitleWord(text: string): boolean {
  return TITLE.test(text) || TITLE_STEM.test(text);
}

/** Legal forms; the short upper-case ones only as written, since "as", "se", "sa" are words too. */
const LEGAL_ANY_CASE = /(?<![\p{L}])(?:inc\.?|incorporated|llc|l\.l\.c\.|ltd\.?|limited|gmbh|corp\.?|corporation|sarl|s\.a\.r\.l\.|s\.a\.s?\.|s\.l\.u?\.|s\.p\.a\.|s\.r\.l\.|b\.v\.|n\.v\.|e\.v\.|pty|plc|llp)(?![\p{L}])/iu;
const LEGAL_UPPER = /(?<![\p{L}])(?:AG|KG|UG|SE|SA|SAS|SL|SLU|BV|NV|AB|AS|A\/S|ApS|SpA|Srl|SRL|Oy|OHG|GbR|KGaA|Co\.)(?![\p{L}])/u;
const ORGANISATION_WORDS = /(?<![\p{L}])(?:group|gruppe|groupe|grupo|labs?|technologies|technology|solutions|consulting|systems|software|studios?|agency|agentur|agence|bank|banque|banco|university|université|universidad|universität|hochschule|institute|institut|instituto|foundation|stiftung|fundación|fondation|associates|holdings?|industries|ventures|capital|partners|networks|analytics|logistics|insurance|versicherung|airlines|pharma|media|winery|vineyards?|brewery|bakery|hotels?|restaurant|clinic|klinik|clinique|clínica|hospital|hôpital|krankenhaus|school|college|academy|akademie|museum|council|ministry|ministerium|ministère|ministerio|verlag|werke)(?![\p{L}])/iu;

export function hasLegalForm(text: string): boolean {
  return LEGAL_ANY_CASE.test(text) || LEGAL_UPPER.test(text);
}

export function hasOrganisationWord(text: string): boolean {
  return hasLegalForm(text) || ORGANISATION_WORDS.test(text);
}

const FREEMAIL = new Set(('gmail googlemail outlook hotmail live msn yahoo ymail icloud me mac aol gmx web proton protonmail pm ' +
  'yandex mail t-online orange free wanadoo laposte sfr libero fastmail hey zoho tutanota posteo mailbox freenet arcor telefonica ' +
  'movistar terra bluewin').split(' '));
const SECOND_LEVEL = /\.(?:co|com|org|net|ac|gov|edu|gob)\.[a-z]{2}$/;

/** The organisation's label of a mail or web domain ("litware" for mail.litware.co.uk), null for free mail. */
export function domainLabel(domain: string): string | null {
  const host = domain.toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  const withoutSuffix = SECOND_LEVEL.test(host) ? host.replace(SECOND_LEVEL, '') : host.replace(/\.[a-z0-9-]+$/, '');
  const label = withoutSuffix.split('.').at(-1) ?? '';
  return label.length >= 2 && !FREEMAIL.has(label) ? label : null;
}

/** Letters and digits only, accents dropped: "Tailspin Toys, Inc." → "tailspintoysinc". */
export function compact(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** "Litware Inc." and litware.com, "Tailspin Toys" and tailspin-toys.de name the same organisation. */
export function sameOrganisation(name: string, label: string | null): boolean {
  const key = compact(name);
  const domain = label ? compact(label) : '';
  if (key.length < 3 || domain.length < 3) return false;
  return key.startsWith(domain) || domain.startsWith(key);
}

/**
 * Cities and countries a signature writes on a line of their own, where an unmarked line after the title
 * would otherwise be read as the company.
 */
const PLACES = new Set(('london paris berlin munich münchen hamburg frankfurt cologne köln vienna wien zurich zürich geneva genève ' +
  'madrid barcelona valencia seville sevilla lisbon lisboa rome roma milan milano amsterdam rotterdam brussels bruxelles dublin ' +
  'edinburgh manchester stockholm oslo copenhagen helsinki warsaw prague prag lyon marseille toulouse lille nantes bordeaux seattle ' +
  'boston chicago austin denver toronto vancouver montreal montréal sydney melbourne singapore tokyo bangalore bengaluru mumbai dubai ' +
  'stuttgart düsseldorf leipzig dresden hannover bremen nuremberg nürnberg germany deutschland france spain españa italy italia ' +
  'portugal switzerland schweiz suisse austria österreich netherlands nederland belgium belgique ireland sweden norway denmark ' +
  'finland poland mexico méxico canada australia india japan uk usa').split(' '));
const PLACE_NAMES = ['new york', 'san francisco', 'los angeles', 'tel aviv', 'mexico city', 'buenos aires', 'são paulo', 'united kingdom',
  'united states'];

export function isPlace(text: string): boolean {
  const key = text.toLowerCase().replace(/[.,]/g, '').replace(/\s+/g, ' ').trim();
  return PLACES.has(key) || PLACE_NAMES.includes(key);
}
