import { useEffect } from 'react';
import { ErrorBanner } from '#renderer/ui/ErrorBanner';
import { ContactsEditor } from './ContactsEditor';
import { MetadataFieldsEditor } from './MetadataFieldsEditor';
import { useOrgDefinitions } from './org-definitions-store';
import './org-definitions.css';

/** Admins: what every offer shares, defined once for the org. */
export const OrgDefinitionsPage = () => {
  const { ensure, error, fields } = useOrgDefinitions();
  useEffect(() => {
    void ensure();
  }, [ensure]);
  return (
    <section className="page org-definitions" aria-labelledby="org-definitions-title">
      <h1 id="org-definitions-title">Org definitions</h1>
      {fields === null ? <ErrorBanner error={error} /> : null}
      <MetadataFieldsEditor />
      <ContactsEditor />
    </section>
  );
};
