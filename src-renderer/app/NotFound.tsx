import { Link } from 'react-router';

export const NotFound = () => (
  <section className="page">
    <h1>Page not found</h1>
    <p>
      There is nothing at this address. <Link to="/">Go to your start screen</Link>.
    </p>
  </section>
);
