import { describe, expect, it } from 'vitest';
import { extractMentions, proseLines } from '../../../src/background/email-text/mentions';
import { MAX_MENTIONS } from '../../../src/background/email-text/mention-list';
import type { MessageBody } from '../../../src/shared/message-body';

/** A body as bodyText gives it: one line per visual line, quoted parts already left out. */
function body(senderName: string, senderEmail: string | null, ...lines: string[]): MessageBody {
  return { senderName, senderEmail, text: lines.join('\n'), links: [] };
}

const DANA = ['Dana Whitfield', 'dana@litware.com'];
const MARCO = ['Marco Bianchi', 'marco@contoso.com'];

describe('extractMentions on conversations', () => {
  it('a sales thread: people and their organisations, not the participants, greetings or signatures', () => {
    const bodies = [
      body('Dana Whitfield', 'dana@litware.com',
        'Hi Marco,', '',
        'I talked to Priya yesterday. Priya Natarajan from Fabrikam confirmed the budget, and Sarah Chen at Northwind Traders wants a demo.',
        'Microsoft is evaluating us too.', '',
        'Best,', 'Dana', '', '--', 'Dana Whitfield', 'VP Sales | Litware Inc.', 'Partner of the year, Woodgrove Bank Awards'),
      body('Marco Bianchi', 'marco@contoso.com',
        'Great news. Loop in Kevin Osei from our legal team, and Dana of course.',
        'On Tue, Mar 3, 2026 at 9:14 AM Dana Whitfield <dana@litware.com> wrote:', '> I also met Oscar Lindgren from Adatum.'),
    ];
    expect(extractMentions(bodies, [...DANA, ...MARCO])).toEqual({
      people: ['Priya Natarajan', 'Sarah Chen', 'Kevin Osei'],
      organisations: ['Fabrikam', 'Northwind Traders', 'Microsoft'],
    });
  });

  it('keeps the full name of someone first named by a first name, in the first place they were seen', () => {
    const bodies = [
      body('Tom Okafor', 'tom@northwindtraders.com', 'Hi Grace,', '', 'Rebecca signed off on the pilot. Rebecca Lin from Trey Research LLC will send the PO.', '', 'Thanks,', 'Tom'),
      body('Grace Kim', 'grace.kim@fabrikamresidences.com', 'Perfect. Please thank Rebecca Lin for me; Mateo Rossi will handle shipping.', '', 'Grace'),
    ];
    expect(extractMentions(bodies, ['Tom Okafor', 'tom@northwindtraders.com', 'Grace Kim', 'grace.kim@fabrikamresidences.com'])).toEqual({
      people: ['Rebecca Lin', 'Mateo Rossi'],
      organisations: ['Trey Research LLC'],
    });
  });

  it('German: honorifics, legal forms, weekdays and months, the greeting left out', () => {
    const bodies = [
      body('Katharina Vogel', 'k.vogel@fabrikam-maschinenbau.de',
        'Hallo Herr Becker,', '',
        'Frau Keller von der Wide World Importers GmbH hat dem Angebot am Dienstag zugestimmt.',
        'Im Januar kommt Jens Albrecht zur Abnahme, zusammen mit den Kollegen der Alpine Ski House AG.', '',
        'Mit freundlichen Grüßen', 'Katharina Vogel', 'Leiterin Vertrieb', 'Fabrikam Maschinenbau GmbH'),
    ];
    expect(extractMentions(bodies, ['Katharina Vogel', 'k.vogel@fabrikam-maschinenbau.de', 'Lukas Becker', 'l.becker@coho-vineyard.de'])).toEqual({
      people: ['Frau Keller', 'Jens Albrecht'],
      organisations: ['Wide World Importers GmbH', 'Alpine Ski House AG'],
    });
  });

  it('French: "chez" names an organisation, the participant thanked is left out', () => {
    const bodies = [
      body('Sophie Marchand', 'sophie.marchand@tailspintoys.fr',
        'Bonjour Julien,', '',
        "J'ai parlé hier avec Claire Dubois chez Fabrikam France SAS : elle valide le devis.",
        'Jean-Luc Moreau de la société Adatum SAS nous rappelle lundi.', '',
        'Cordialement,', 'Sophie Marchand', 'Directrice Administrative et Financière', 'Tailspin Toys France'),
      body('Julien Moreau', 'julien.moreau@tailspin-informatique.fr', 'Merci Sophie, je préviens Thomas Girard.', '', 'Bien à vous,', 'Julien'),
    ];
    expect(extractMentions(bodies, ['Sophie Marchand', 'sophie.marchand@tailspintoys.fr', 'Julien Moreau', 'julien.moreau@tailspin-informatique.fr'])).toEqual({
      people: ['Claire Dubois', 'Jean-Luc Moreau', 'Thomas Girard'],
      organisations: ['Fabrikam France SAS', 'Adatum SAS'],
    });
  });

  it('Spanish: names and organisations, the participants\' own company left out', () => {
    const bodies = [
      body('Alejandro Ruiz Ortega', 'aruiz@adatum.es',
        'Hola Lucía,', '',
        'Ayer hablé con María José García, de Contoso Ibérica S.A., y el lunes llamaremos a Javier Navarro.',
        'Carmen Vidal trabaja ahora en Woodgrove Bank.', '',
        'Un saludo,', 'Alejandro'),
    ];
    expect(extractMentions(bodies, ['Alejandro Ruiz Ortega', 'aruiz@adatum.es', 'Lucía Fernández', 'lucia@contoso.es'])).toEqual({
      people: ['María José García', 'Javier Navarro', 'Carmen Vidal'],
      organisations: ['Woodgrove Bank'],
    });
  });

  it('leaves out weekdays, months, meeting software and mobile footers', () => {
    const bodies = [
      body('Tom Okafor', 'tom@northwindtraders.com',
        'Thanks for the Zoom link. I will share the Excel file on Monday in Teams.', 'Happy New Year! See you in January.', '',
        'Best,', 'Tom', '', 'Sent from my iPhone'),
      body('Noor Haddad', 'noor.haddad.design@gmail.com', 'Sounds good. Friday works too.', '', 'Von meinem iPhone gesendet'),
    ];
    expect(extractMentions(bodies, ['Tom Okafor', 'tom@northwindtraders.com', 'Noor Haddad', 'noor.haddad.design@gmail.com'])).toEqual({
      people: [],
      organisations: [],
    });
  });

  it('leaves out capitalised subjects, products and teams that name no one', () => {
    const bodies = [
      body('Dana Whitfield', 'dana@litware.com',
        'Happy Friday! Ahead of the Q3 Business Review, please see the Statement of Work in Google Docs.',
        'Our EMEA team will move the Product Roadmap to Jira before Thanksgiving, and the Customer Success team owns the rollout.'),
    ];
    expect(extractMentions(bodies, DANA)).toEqual({ people: [], organisations: [] });
  });

  it('leaves out names in signatures, disclaimers and forwarded remnants', () => {
    const bodies = [
      body('Oliver Grant', 'oliver.grant@woodgrove.co.uk',
        'Hi Tom,', '', 'We are happy with the revised SLA. Our auditors at Lamna Healthcare Partners asked for a copy.', '',
        'Kind regards,', 'Oliver Grant', 'Procurement Manager', 'Woodgrove Financial Services Ltd', '',
        'This email and any attachments are confidential and intended solely for Relecloud Holdings and its affiliates.',
        '-----Original Message-----', 'From: Tom Okafor', 'Sent: Monday', 'Please ask Hannah Schmidt at Adventure Works.'),
    ];
    expect(extractMentions(bodies, ['Oliver Grant', 'oliver.grant@woodgrove.co.uk', 'Tom Okafor', 'tom@northwindtraders.com'])).toEqual({
      people: [],
      organisations: ['Lamna Healthcare Partners'],
    });
  });

  it('excludes participants known only by their address, and honorific names of participants', () => {
    const bodies = [
      body('Rebecca Lin', 'rebecca.lin@treyresearch.net',
        'Dear Mr. Osei,', '', 'As discussed with Ms. Whitfield, Dr. Anke van der Berg will review the invoice from Coho Winery.', '',
        'Sincerely,', 'Rebecca Lin'),
    ];
    expect(extractMentions(bodies, ['rebecca.lin@treyresearch.net', 'dana.whitfield@litware.com', 'Kwame Osei'])).toEqual({
      people: ['Anke van der Berg'],
      organisations: ['Coho Winery'],
    });
  });

  it('reads organisation names whole, with their commas, ampersands and legal forms', () => {
    const bodies = [
      body('Hannah Schmidt', 'hannah.schmidt@adventure-works.com',
        'We shortlisted Tailspin Toys, Inc. and The Phoenix Group Ltd for the pilot.',
        'Die Wide World Importers GmbH & Co. KG liefert die Ersatzteile, AT&T the network.', '', 'Regards,', 'Hannah'),
    ];
    expect(extractMentions(bodies, ['Hannah Schmidt', 'hannah.schmidt@adventure-works.com'])).toEqual({
      people: [],
      organisations: ['Tailspin Toys, Inc.', 'Phoenix Group Ltd', 'Wide World Importers GmbH & Co. KG', 'AT&T'],
    });
  });

  it('leaves out the senders even when the caller does not list them', () => {
    const bodies = [body('Dana Whitfield', 'dana@litware.com', 'Dana Whitfield and Sarah Chen from Contoso will both attend.')];
    expect(extractMentions(bodies, [])).toEqual({ people: ['Sarah Chen'], organisations: ['Contoso'] });
  });

  it('merges an organisation written with and without its legal form', () => {
    const bodies = [
      body('Ravi Shankar', 'ravi.shankar@litware.com', 'Tailspin Toys Inc. renewed for three years.', '', 'Ravi'),
      body('Maya Goldberg', 'maya@contoso.com', 'Nice! Did Tailspin Toys also take the analytics add-on? Ask Kenji Watanabe at Proseware.', '', 'Maya'),
    ];
    expect(extractMentions(bodies, ['Ravi Shankar', 'ravi.shankar@litware.com', 'Maya Goldberg', 'maya@contoso.com'])).toEqual({
      people: ['Kenji Watanabe'],
      organisations: ['Tailspin Toys Inc.', 'Proseware'],
    });
  });
});

describe('extractMentions limits', () => {
  it('caps each list', () => {
    const names = Array.from({ length: 30 }, (_, i) => `Company${String.fromCharCode(65 + (i % 26))}${i} Ltd`);
    const bodies = [body('Dana Whitfield', 'dana@litware.com', `We compared ${names.join(', ')}.`)];
    const { organisations } = extractMentions(bodies, DANA);
    expect(organisations).toHaveLength(MAX_MENTIONS);
    expect(organisations[0]).toBe(names[0]);
  });

  it('gives empty lists for no bodies and survives hostile text', () => {
    expect(extractMentions([], DANA)).toEqual({ people: [], organisations: [] });
    const hostile = body('', null, `${'Ltd '.repeat(3000)}${'A'.repeat(20_000)}`, '\u0000\uffff', '-- ', '@@@');
    expect(() => extractMentions([hostile, hostile], [])).not.toThrow();
  });
});

describe('proseLines', () => {
  it('leaves out a name line the message goes on after, not the rest of the message', () => {
    const text = body('Dana Whitfield', 'dana@litware.com', 'Agenda for Thursday:', 'Dana Whitfield', 'VP Sales', '',
      'Priya Natarajan will present the roadmap and answer the questions the legal team sent over last week.');
    expect(proseLines(text)).toEqual(['Agenda for Thursday:', 'Priya Natarajan will present the roadmap and answer the questions the legal team sent over last week.']);
  });


  it('keeps the sender\'s prose without greeting, valediction, signature and footers', () => {
    const text = body('Dana Whitfield', 'dana@litware.com', 'Hi Marco,', '', 'The deck is attached.', '', 'Best,', 'Dana', '', '-- ',
      'Dana Whitfield', 'VP Sales | Litware Inc.');
    expect(proseLines(text)).toEqual(['The deck is attached.']);
  });
});
