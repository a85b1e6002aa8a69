import type { SourceId } from '../../shared/domain';
import { GITHUB_EMAIL_SEARCH, SOURCE_CATALOG, hostsText, identifiersText } from '../../shared/sources-catalog';

/**
 * One switch per source, each saying what it sends and to which host: shared by the popup and first
 * run. GitHub's search by email address has a switch of its own under GitHub, because it sends the
 * address itself.
 */
export function SourceChoices({ values, githubEmailSearch, onChange, onGithubEmailSearchChange, disabled }: {
  values: Record<SourceId, boolean>;
  githubEmailSearch: boolean;
  onChange: (id: SourceId, on: boolean) => void;
  onGithubEmailSearchChange: (on: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <ul class="sources" aria-label="Sources">
      {SOURCE_CATALOG.map((source) => {
        const id = `source-${source.id}`;
        return (
          <li key={source.id} class="source">
            <input
              type="checkbox"
              id={id}
              checked={values[source.id]}
              disabled={disabled}
              aria-describedby={`${id}-sends`}
              onChange={(event) => onChange(source.id, (event.currentTarget as HTMLInputElement).checked)}
            />
            <label for={id}>{source.label}</label>
            <p id={`${id}-sends`} class="sends">
              <span class="sends-what" data-testid={`${id}-what`}>
                Sends {identifiersText(source.sends)} to {hostsText(source)}.
              </span>{' '}
              {source.sendsText}
            </p>
            {source.id === 'github' && (
              <div class="source sub-source">
                <input
                  type="checkbox"
                  id="github-email-search"
                  checked={githubEmailSearch}
                  disabled={disabled || !values.github}
                  aria-describedby="github-email-search-sends"
                  onChange={(event) => onGithubEmailSearchChange((event.currentTarget as HTMLInputElement).checked)}
                />
                <label for="github-email-search">{GITHUB_EMAIL_SEARCH.label}</label>
                <p id="github-email-search-sends" class="sends">
                  <span class="sends-what">
                    Sends {identifiersText(GITHUB_EMAIL_SEARCH.sends)} to {GITHUB_EMAIL_SEARCH.hosts.join(' and ')}.
                  </span>{' '}
                  {GITHUB_EMAIL_SEARCH.sendsText} Off unless you turn it on.
                </p>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
