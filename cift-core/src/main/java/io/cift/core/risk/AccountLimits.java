package io.cift.core.risk;

import java.util.Objects;

/**
 * Immutable risk limits of one account, built with {@link #builder()}. Every limit defaults to
 * {@link #UNLIMITED}. Quantities are lots, prices ticks, notionals ticks x lots. The per-order and
 * position limits here apply to every instrument unless {@link InstrumentLimits} override them.
 */
public final class AccountLimits {

    /** The value of a limit that is not set. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private final long maxOrderQuantity;
    private final long maxOrderNotional;
    private final PriceBand priceBand;
    private final long maxPosition;
    private final long maxGrossExposure;
    private final long maxNetExposure;
    private final long creditLimit;
    private final long maxOpenOrders;
    private final long maxOrdersPerSecond;
    private final long orderBurst;

    private AccountLimits(Builder b) {
        this.maxOrderQuantity = b.maxOrderQuantity;
        this.maxOrderNotional = b.maxOrderNotional;
        this.priceBand = b.priceBand;
        this.maxPosition = b.maxPosition;
        this.maxGrossExposure = b.maxGrossExposure;
        this.maxNetExposure = b.maxNetExposure;
        this.creditLimit = b.creditLimit;
        this.maxOpenOrders = b.maxOpenOrders;
        this.maxOrdersPerSecond = b.maxOrdersPerSecond;
        this.orderBurst = b.orderBurst == 0 ? Math.max(1, Math.min(b.maxOrdersPerSecond, 1_000_000)) : b.orderBurst;
    }

    /**
     * A builder holding the account-limit keys of some settings, for accounts that share one set of limits:
     * {@code cift.risk.max-order-quantity}, {@code cift.risk.max-order-notional},
     * {@code cift.risk.max-position}, {@code cift.risk.max-gross-exposure},
     * {@code cift.risk.max-net-exposure}, {@code cift.risk.credit-limit}, {@code cift.risk.max-open-orders},
     * {@code cift.risk.price-band-ticks} or {@code cift.risk.price-band-percent}, and
     * {@code cift.risk.max-orders-per-second} with {@code cift.risk.order-burst} (default 1); what they
     * leave out is unlimited.
     *
     * @param settings the settings
     * @return the builder
     * @throws IllegalArgumentException naming the key and value that do not parse, or both band keys
     */
    public static Builder fromSettings(io.cift.core.config.CiftSettings settings) {
        Builder b = builder();
        settings.getLong("cift.risk.max-order-quantity").ifPresent(b::maxOrderQuantity);
        settings.getLong("cift.risk.max-order-notional").ifPresent(b::maxOrderNotional);
        settings.getLong("cift.risk.max-position").ifPresent(b::maxPosition);
        settings.getLong("cift.risk.max-gross-exposure").ifPresent(b::maxGrossExposure);
        settings.getLong("cift.risk.max-net-exposure").ifPresent(b::maxNetExposure);
        settings.getLong("cift.risk.credit-limit").ifPresent(b::creditLimit);
        settings.getLong("cift.risk.max-open-orders").ifPresent(b::maxOpenOrders);
        java.util.OptionalLong ticks = settings.getLong("cift.risk.price-band-ticks");
        java.util.Optional<String> percent = settings.get("cift.risk.price-band-percent");
        if (ticks.isPresent() && percent.isPresent()) {
            throw new IllegalArgumentException("set cift.risk.price-band-ticks or cift.risk.price-band-percent, not both");
        }
        ticks.ifPresent(t -> b.priceBand(PriceBand.ticks(t)));
        percent.ifPresent(v -> {
            try {
                b.priceBand(PriceBand.percent(Double.parseDouble(v)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("cift.risk.price-band-percent must be a number, got '" + v + "'", e);
            }
        });
        java.util.OptionalLong rate = settings.getLong("cift.risk.max-orders-per-second");
        if (rate.isPresent()) {
            b.maxOrdersPerSecond(rate.getAsLong(), settings.getLong("cift.risk.order-burst").orElse(1));
        }
        return b;
    }

    /**
     * A builder with every limit unset.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these limits, to change some of them.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxOrderQuantity = maxOrderQuantity;
        b.maxOrderNotional = maxOrderNotional;
        b.priceBand = priceBand;
        b.maxPosition = maxPosition;
        b.maxGrossExposure = maxGrossExposure;
        b.maxNetExposure = maxNetExposure;
        b.creditLimit = creditLimit;
        b.maxOpenOrders = maxOpenOrders;
        b.maxOrdersPerSecond = maxOrdersPerSecond;
        b.orderBurst = orderBurst;
        return b;
    }

    /** @return the largest order quantity */
    public long maxOrderQuantity() {
        return maxOrderQuantity;
    }

    /** @return the largest order notional (price x quantity) */
    public long maxOrderNotional() {
        return maxOrderNotional;
    }

    /** @return the price band around the reference price */
    public PriceBand priceBand() {
        return priceBand;
    }

    /** @return the largest absolute position per instrument, open orders included (worst case) */
    public long maxPosition() {
        return maxPosition;
    }

    /** @return the largest gross notional exposure of the account */
    public long maxGrossExposure() {
        return maxGrossExposure;
    }

    /** @return the largest absolute net notional exposure of the account */
    public long maxNetExposure() {
        return maxNetExposure;
    }

    /** @return the account's credit: open buy notional plus position cost must stay within it */
    public long creditLimit() {
        return creditLimit;
    }

    /** @return the largest number of open orders */
    public long maxOpenOrders() {
        return maxOpenOrders;
    }

    /** @return the sustained order rate allowed */
    public long maxOrdersPerSecond() {
        return maxOrdersPerSecond;
    }

    /** @return how many orders may arrive at once before the rate applies (the token bucket's size) */
    public long orderBurst() {
        return orderBurst;
    }

    @Override
    public String toString() {
        return "AccountLimits[maxOrderQuantity=" + maxOrderQuantity + ", maxOrderNotional=" + maxOrderNotional
                + ", priceBand=" + priceBand + ", maxPosition=" + maxPosition + ", maxGrossExposure=" + maxGrossExposure
                + ", maxNetExposure=" + maxNetExposure + ", creditLimit=" + creditLimit + ", maxOpenOrders=" + maxOpenOrders
                + ", maxOrdersPerSecond=" + maxOrdersPerSecond + ", orderBurst=" + orderBurst + "]";
    }

    /** Builds {@link AccountLimits}; each setter checks its value at once. Not thread-safe. */
    public static final class Builder {
        private long maxOrderQuantity = UNLIMITED;
        private long maxOrderNotional = UNLIMITED;
        private PriceBand priceBand = PriceBand.NONE;
        private long maxPosition = UNLIMITED;
        private long maxGrossExposure = UNLIMITED;
        private long maxNetExposure = UNLIMITED;
        private long creditLimit = UNLIMITED;
        private long maxOpenOrders = UNLIMITED;
        private long maxOrdersPerSecond = UNLIMITED;
        private long orderBurst;

        private Builder() {
        }

        private static long positive(String name, long v) {
            if (v <= 0) {
                throw new IllegalArgumentException(name + " must be positive, got " + v);
            }
            return v;
        }

        private static long notNegative(String name, long v) {
            if (v < 0) {
                throw new IllegalArgumentException(name + " must not be negative, got " + v);
            }
            return v;
        }

        /** @param v positive @return this builder */
        public Builder maxOrderQuantity(long v) {
            maxOrderQuantity = positive("maxOrderQuantity", v);
            return this;
        }

        /** @param v positive @return this builder */
        public Builder maxOrderNotional(long v) {
            maxOrderNotional = positive("maxOrderNotional", v);
            return this;
        }

        /** @param band the band @return this builder */
        public Builder priceBand(PriceBand band) {
            priceBand = Objects.requireNonNull(band, "priceBand");
            return this;
        }

        /** @param v not negative (0: flat only) @return this builder */
        public Builder maxPosition(long v) {
            maxPosition = notNegative("maxPosition", v);
            return this;
        }

        /** @param v not negative @return this builder */
        public Builder maxGrossExposure(long v) {
            maxGrossExposure = notNegative("maxGrossExposure", v);
            return this;
        }

        /** @param v not negative @return this builder */
        public Builder maxNetExposure(long v) {
            maxNetExposure = notNegative("maxNetExposure", v);
            return this;
        }

        /** @param v not negative @return this builder */
        public Builder creditLimit(long v) {
            creditLimit = notNegative("creditLimit", v);
            return this;
        }

        /** @param v not negative @return this builder */
        public Builder maxOpenOrders(long v) {
            maxOpenOrders = notNegative("maxOpenOrders", v);
            return this;
        }

        /**
         * Sets the order-rate throttle (a token bucket).
         *
         * @param perSecond sustained orders per second, positive
         * @param burst orders that may arrive at once, positive
         * @return this builder
         */
        public Builder maxOrdersPerSecond(long perSecond, long burst) {
            maxOrdersPerSecond = positive("maxOrdersPerSecond", perSecond);
            orderBurst = positive("orderBurst", burst);
            if (perSecond > 1_000_000_000L) {
                throw new IllegalArgumentException("maxOrdersPerSecond must be at most 1000000000, got " + perSecond);
            }
            return this;
        }

        /** @return the immutable limits */
        public AccountLimits build() {
            return new AccountLimits(this);
        }
    }
}
