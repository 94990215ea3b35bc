package io.cift.core.book;

/**
 * Told when an {@link OrderBookListener} callback threw. The book never sees the failure: the command
 * that was running carries on and leaves the book consistent, the failure is counted
 * ({@link MatchingEngine#listenerFailures()}) and handed here. Called on the matching thread, so an
 * implementation must be quick and must not throw (what it throws is ignored).
 */
@FunctionalInterface
public interface ListenerFailureHandler {

    /**
     * The default: the first failure is printed to standard error with its stack trace, later ones as
     * one line each for the 2nd to 10th, then one line every 10,000th.
     */
    ListenerFailureHandler STANDARD_ERROR = (callback, symbol, orderId, error, failures) -> {
        if (failures == 1) {
            System.err.println("cift: an order book listener threw in " + callback + " (" + symbol + ", order " + orderId
                    + "); the book carried on, and later failures are counted");
            error.printStackTrace();
        } else if (failures <= 10 || failures % 10_000 == 0) {
            System.err.println("cift: order book listener failure #" + failures + " in " + callback + " (" + symbol
                    + ", order " + orderId + "): " + error);
        }
    };

    /** Counts failures and reports nothing. */
    ListenerFailureHandler SILENT = (callback, symbol, orderId, error, failures) -> { };

    /**
     * A callback threw.
     *
     * @param callback the callback's name, such as {@code onTrade}
     * @param symbol the symbol of the event
     * @param orderId the order id of the event
     * @param error what it threw
     * @param failures how many callbacks of this engine (or stand-alone book) have failed so far, this one included
     */
    void onFailure(String callback, String symbol, long orderId, Throwable error, long failures);
}
