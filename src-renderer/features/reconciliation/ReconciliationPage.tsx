/**
 * Reconciliation of redemptions the hub classified as other than `accepted` (duplicate code,
 * over limit, revoked or expired, lease overdraft): accept and write off, reverse, or revoke.
 *
 * TODO(sync): the hub's reconciliation operations (list items, resolve an item) do not exist
 * yet in src-shared/api/operations. When they land, load the queue here with paging, show
 * each item's classification, till, code and facts, and offer the three resolutions. Until
 * then this screen shows no list at all rather than a made-up one.
 */
export const ReconciliationPage = () => (
  <section className="page reconciliation">
    <h1>Reconciliation</h1>
    <div className="card" role="status" data-testid="reconciliation-pending">
      <p>
        Redemptions made at tills during an outage that the hub could not simply accept will be
        listed here for a decision: accept and write off, reverse, or revoke the coupon.
      </p>
      <p className="banner banner--info">
        Not available yet: this installation is not connected to a hub’s reconciliation queue.
      </p>
    </div>
  </section>
);
