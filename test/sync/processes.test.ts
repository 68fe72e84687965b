import { multiProcessSuite } from './support/scenarios';

// One file, so the two backends' process sets run one after the other, not side by side.
multiProcessSuite('pglite');
multiProcessSuite('postgres');
