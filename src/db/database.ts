import Dexie, { type Table } from 'dexie';
import type {
  IdentityRecord, JobRecord, NoteRecord, PersonRecord, PostRecord, RequestLogRecord, ThreadRecord,
} from '../shared/domain';
import { applySchemaVersions } from './versions';

export const DATABASE_NAME = 'earshot';

/** The one IndexedDB database, opened by the background and the extension pages alike. */
export class EarshotDatabase extends Dexie {
  people!: Table<PersonRecord, string>;
  identities!: Table<IdentityRecord, string>;
  posts!: Table<PostRecord, string>;
  jobs!: Table<JobRecord, number>;
  requestLog!: Table<RequestLogRecord, number>;
  notes!: Table<NoteRecord, string>;
  threads!: Table<ThreadRecord, string>;

  constructor(name: string = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    applySchemaVersions(this);
  }
}

let shared: EarshotDatabase | null = null;

/** One connection per extension context. */
export function database(): EarshotDatabase {
  shared ??= new EarshotDatabase();
  return shared;
}
