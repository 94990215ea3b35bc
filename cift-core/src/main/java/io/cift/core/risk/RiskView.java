package io.cift.core.risk;

import java.util.List;
import java.util.Optional;

/**
 * What a risk gate knows, read-only: positions, open orders, exposure, the last refusal, and checks of
 * its own consistency. A {@link RiskCalculator} is one; a durable engine hands out only this view, since
 * its limits change through the engine (which journals the change). Same threading as the engine: query
 * from the matching thread.
 */
public interface RiskView {

    /**
     * A message for the last refusal naming the limit and the value, e.g.
     * {@code "MAX_ORDER_QUANTITY: quantity 500 exceeds maxOrderQuantity 100 (account 7, AAPL)"}.
     *
     * @return the message, or an empty string when nothing has been refused yet
     */
    String lastRejectMessage();

    /**
     * How many checks the gate refused for a reason since it was created (not journaled: a recovered
     * engine counts from the replay on); read without synchronization.
     *
     * @param reason the reason
     * @return the count
     */
    long refusals(RiskReason reason);

    /**
     * One position.
     *
     * @param account the account
     * @param symbol the instrument
     * @return the position, empty if the account never had an order or fill in it
     */
    Optional<PositionView> position(long account, String symbol);

    /**
     * Every position of an account (flat ones included once touched).
     *
     * @param account the account
     * @return the positions, in the order the instruments were first seen
     */
    List<PositionView> positions(long account);

    /**
     * Open orders of an account.
     *
     * @param account the account
     * @return the count
     */
    long openOrderCount(long account);

    /**
     * The open orders of an account, as (symbol, order id) pairs, for mass cancels. Allocates.
     *
     * @param account the account
     * @return the open orders
     */
    List<RiskCalculator.OpenOrder> openOrders(long account);

    /**
     * The account's gross exposure as the checks define it (without a new order).
     *
     * @param account the account
     * @return the exposure in ticks x lots
     */
    long grossExposure(long account);

    /**
     * The account's net exposure as the checks define it (without a new order).
     *
     * @param account the account
     * @return the exposure in ticks x lots
     */
    long netExposure(long account);

    /**
     * A 64-bit digest of the state the engine's events built: per account in id order its kill switch,
     * its positions (quantity, cost basis, realized P&amp;L) in symbol order, and its open orders (id, side,
     * price, open quantity) in symbol and id order; and the global kill switch. Limits and the throttle's
     * clock are configuration, not state, and do not count. Allocates sorted copies; walks everything.
     *
     * @return the digest
     */
    long stateHash();

    /**
     * Checks that every aggregate agrees with what it sums: each account's open-order count, open buy and
     * sell quantities per instrument, open notionals and absolute cost against its open orders and
     * positions, and the per-instrument order index against the accounts' order lists.
     *
     * @throws IllegalStateException naming the account, the instrument and the field that disagree
     */
    void validate();
}
