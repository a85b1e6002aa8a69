// Demo mailbox for `npm start`: switches between the inbox and three conversations the way Gmail does,
// by setting `display: none` inline on the `.nH` children of `div.aeF > div.nH` when the hash route
// changes. Earshot's Gmail watcher observes exactly that style attribute, so the demo exercises the
// same path as the real site. No network, no storage. Written for Earshot (see PROVENANCE.md).
(() => {
  'use strict';

  const ACCOUNT = 'sam@demo-earshot.test';

  const viewFor = (name) => document.querySelector(`[data-demo-view="${name}"]`);

  function route() {
    const match = /^#inbox\/([0-9a-f]+)$/.exec(window.location.hash);
    const target = match && viewFor(match[1]) ? match[1] : 'inbox';
    for (const view of document.querySelectorAll('[data-demo-view]')) {
      const wanted = view.getAttribute('data-demo-view') === target ? '' : 'none';
      // Like Gmail, only touch the attribute when it changes, so observers see one mutation per switch.
      if (view.style.display !== wanted) view.style.display = wanted;
    }
    const heading = target === 'inbox' ? null : viewFor(target).querySelector('h2.hP');
    const unread = document.querySelectorAll('[data-demo-view="inbox"] tr.zA.zE').length;
    const place = heading
      ? heading.textContent.replace(/\s+/g, ' ').trim()
      : `Inbox${unread ? ` (${unread})` : ''}`;
    document.title = `${place} - ${ACCOUNT} - Gmail`;
    window.scrollTo(0, 0);
  }

  function openRow(row) {
    const span = row.querySelector('[data-legacy-thread-id]');
    if (!span) return;
    row.classList.remove('zE');
    row.classList.add('yO');
    window.location.hash = `#inbox/${span.getAttribute('data-legacy-thread-id')}`;
  }

  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const row = target.closest('tr.zA');
    if (row) {
      openRow(row);
      return;
    }
    if (target.closest('[aria-label="Back to Inbox"]')) {
      window.location.hash = '#inbox';
      return;
    }
    const details = target.closest('.ajy');
    // Gmail's "show details" opens the To/Cc/Bcc table under the summary line.
    if (details) details.parentElement.classList.toggle('demo-details-open');
  });

  document.addEventListener('keydown', (event) => {
    const row = event.target instanceof Element ? event.target.closest('tr.zA') : null;
    if (row && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      openRow(row);
    }
  });

  window.addEventListener('hashchange', route);
  route();
})();
