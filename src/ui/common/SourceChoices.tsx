import type { SourceId } from '../../shared/domain';
import { SOURCE_CATALOG } from '../../shared/sources-catalog';

/** One switch per source, each saying what it sends and where: shared by the popup and first run. */
export function SourceChoices({ values, onChange, disabled }: {
  values: Record<SourceId, boolean>;
  onChange: (id: SourceId, on: boolean) => void;
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
              {source.sendsText}{' '}
              {source.hosts[0] !== '*' && <span class="hosts">To {source.hosts.join(', ')}.</span>}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
